// A measurement plugin whose metadata claims interface version 99 (test fixture).
#include <QObject>
#include <QtPlugin>

class IncompatiblePlugin : public QObject {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID "org.iliometry.MeasurementPlugin/99" FILE "IncompatiblePlugin.json")
};

#include "IncompatiblePlugin.moc"
