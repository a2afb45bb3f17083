#pragma once
// The main window: three slice views and the 3-D view around the linked crosshair, the
// toolbars (window/level, overlay opacity, correction tools, undo/redo) and the measurement
// plugins' panels. It is the plugins' host.
#include "LabelEditor.h"
#include "PluginManager.h"
#include "SliceView.h"
#include "ViewerState.h"

#include "iliometry/plugin/PluginHost.h"

#include <QMainWindow>

#include <filesystem>
#include <memory>
#include <vector>

class QComboBox;
class QDockWidget;
class QDoubleSpinBox;
class QMenu;
class QSlider;
class QTabWidget;
class QTimer;

namespace iliometry::viewer {

class SurfaceView;

class MainWindow : public QMainWindow, public plugin::PluginHost {
  Q_OBJECT
public:
  explicit MainWindow(PluginManager& plugins, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Loads `path` (DICOM folder/file/DICOMDIR, NIfTI, NRRD, MHA). Interactive: asks for a series
  // when there are several and shows errors in dialogs; otherwise uses the loader's choice and
  // writes errors to stderr. Returns false when nothing was loaded.
  bool openInput(const QString& path, const QString& seriesUid = {});
  // Shows `volume` and creates a measurement session per plugin (measuring at once for CT when autoMeasure).
  void showVolume(std::shared_ptr<const Volume> volume, const std::filesystem::path& path);
  void setInteractive(bool interactive) { m_interactive = interactive; }
  void setAutoMeasure(bool autoMeasure) { m_autoMeasure = autoMeasure; }
  ViewerState& state() { return m_state; }
  SliceView* sliceView(SliceAxis axis) const;

  // PluginHost
  std::shared_ptr<const Volume> volume() const override { return m_state.volume(); }
  std::filesystem::path inputPath() const override { return m_inputPath; }
  void setLabelOverlay(LabelImage::Pointer labels, const LevelSet& levels) override;
  void goToSlice(int sliceIndex) override;
  void showStatus(const QString& message) override;
  void showError(const QString& title, const QString& message) override;
  void measurementFinished(bool succeeded) override;
  QWidget* dialogParent() override { return this; }

signals:
  void measurementDone(bool succeeded);

protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

private:
  void buildMenus();
  void buildToolBars();
  void buildViews();
  void openFolderDialog();
  void openFileDialog();
  void applyPreset(int index);
  void updateTool();
  void onCursorChanged();
  void onLabelsEdited(bool strokeFinished);
  void closeSessions();

  PluginManager& m_plugins;
  ViewerState m_state;
  LabelEditor m_editor{m_state};
  std::filesystem::path m_inputPath;
  bool m_interactive = true;
  bool m_autoMeasure = true;

  std::vector<SliceView*> m_sliceViews;
  SurfaceView* m_surfaceView = nullptr;
  QTimer* m_surfaceRebuild = nullptr; // rebuilds muscle surfaces once editing pauses
  QComboBox* m_presetBox = nullptr;
  QSlider* m_opacitySlider = nullptr;
  QComboBox* m_structureBox = nullptr;
  QDoubleSpinBox* m_brushRadius = nullptr;
  QAction* m_navigateAction = nullptr;
  QAction* m_brushAction = nullptr;
  QAction* m_eraserAction = nullptr;
  QMenu* m_exportMenu = nullptr;
  QDockWidget* m_pluginDock = nullptr;
  QTabWidget* m_pluginTabs = nullptr;
  std::vector<std::unique_ptr<plugin::MeasurementSession>> m_sessions;
};

} // namespace iliometry::viewer
