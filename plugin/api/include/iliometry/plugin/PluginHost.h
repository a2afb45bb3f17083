#pragma once
// What the viewer offers a measurement plugin: the loaded volume, the label overlay it shows
// and edits, navigation and status. Plain C++ (no QObject) so that a plugin built separately
// shares no meta-object state with the host.
#include "iliometry/core/Level.h"
#include "iliometry/core/Volume.h"

#include <QString>

#include <filesystem>
#include <memory>

class QWidget;

namespace iliometry::plugin {

class PluginHost {
public:
  virtual ~PluginHost() = default;

  // The volume on screen; null before anything is loaded. It stays valid and unchanged for the
  // lifetime of the session created for it.
  virtual std::shared_ptr<const Volume> volume() const = 0;
  // The path the volume was opened from (recorded in reports).
  virtual std::filesystem::path inputPath() const = 0;

  // Shows `labels` (on the volume's grid) as the overlay and makes it the map the user edits
  // with brush and eraser; `levels` are marked on the views. Null labels clear the overlay.
  virtual void setLabelOverlay(LabelImage::Pointer labels, const LevelSet& levels) = 0;

  // Moves the linked crosshair to slice `sliceIndex` of the volume's third axis.
  virtual void goToSlice(int sliceIndex) = 0;

  virtual void showStatus(const QString& message) = 0;
  // A message the user must see (a failed run, a failed export), in a dialog.
  virtual void showError(const QString& title, const QString& message) = 0;

  // A run finished: `succeeded` false after an error or a cancel. The viewer's --screenshot mode waits for it.
  virtual void measurementFinished(bool succeeded) = 0;

  // Parent for dialogs.
  virtual QWidget* dialogParent() = 0;
};

} // namespace iliometry::plugin
