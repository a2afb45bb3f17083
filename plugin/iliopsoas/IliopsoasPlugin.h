#pragma once
// The iliopsoas measurement plugin: psoas major and iliacus on both sides, through the workflow.
#include "iliometry/plugin/MeasurementPlugin.h"

#include <QObject>

namespace iliometry::plugin {

class IliopsoasPlugin : public QObject, public MeasurementPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID ILIOMETRY_MEASUREMENT_PLUGIN_IID FILE "iliopsoas.json")
  Q_INTERFACES(iliometry::plugin::MeasurementPlugin)

public:
  QString displayName() const override;
  std::unique_ptr<MeasurementSession> createSession(PluginHost& host) override;
};

} // namespace iliometry::plugin
