#pragma once
// The versioned interface of measurement plugins. A plugin is a Qt plugin (QPluginLoader)
// whose metadata JSON holds at least
//   { "name": "...", "description": "...", "apiVersion": 1 }
// The host reads the metadata before loading the code and refuses a plugin whose apiVersion
// differs from kPluginApiVersion; the interface id below carries the same version, so that a
// stale plugin cannot be cast to a newer interface either. Change both when the interface changes.
#include "iliometry/plugin/PluginHost.h"

#include <QList>
#include <QString>
#include <QtPlugin>

#include <memory>

class QAction;
class QWidget;

namespace iliometry::plugin {

inline constexpr int kPluginApiVersion = 1;

// One plugin's work on one loaded volume. The host creates a session when a volume is loaded
// and destroys it (cancelling any run) before the next one.
class MeasurementSession {
public:
  virtual ~MeasurementSession() = default;

  // The panel the host docks beside the views; owned by the session.
  virtual QWidget* panel() = 0;
  // Export actions for the host's File > Export menu; owned by the session, disabled until
  // there is something to export.
  virtual QList<QAction*> exportActions() = 0;

  // Starts a run on the host's volume in a worker thread (no-op while one runs).
  virtual void start() = 0;
  // Asks a running run to stop; measurementFinished(false) follows.
  virtual void cancel() = 0;
  virtual bool isRunning() const = 0;

  // The host's crosshair moved to another slice of the volume's third axis.
  virtual void currentSliceChanged(int sliceIndex) = 0;
  // The user changed the overlay's labels (brush, eraser, undo, redo): re-measure now.
  virtual void labelsEdited() = 0;
};

class MeasurementPlugin {
public:
  virtual ~MeasurementPlugin() = default;
  virtual QString displayName() const = 0;
  virtual std::unique_ptr<MeasurementSession> createSession(PluginHost& host) = 0;
};

} // namespace iliometry::plugin

#define ILIOMETRY_MEASUREMENT_PLUGIN_IID "org.iliometry.MeasurementPlugin/1"
Q_DECLARE_INTERFACE(iliometry::plugin::MeasurementPlugin, ILIOMETRY_MEASUREMENT_PLUGIN_IID)
