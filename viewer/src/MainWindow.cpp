#include "MainWindow.h"

#include "SeriesPicker.h"
#include "SurfaceView.h"
#include "WindowLevelPresets.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/plugin/StructureColors.h"

#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPixmap>
#include <QSlider>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include <iostream>

namespace iliometry::viewer {

namespace {

QIcon colourIcon(const QColor& colour) {
  QPixmap pixmap(14, 14);
  pixmap.fill(colour);
  return QIcon(pixmap);
}

} // namespace

MainWindow::MainWindow(PluginManager& plugins, QWidget* parent) : QMainWindow(parent), m_plugins(plugins) {
  setWindowTitle(tr("Iliometry viewer"));
  setAcceptDrops(true);
  buildViews();
  buildToolBars();
  buildMenus();
  m_pluginDock = new QDockWidget(tr("Measurement"), this);
  m_pluginDock->setObjectName(QStringLiteral("measurementDock"));
  m_pluginDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  m_pluginTabs = new QTabWidget;
  m_pluginDock->setWidget(m_pluginTabs);
  m_pluginDock->setMinimumWidth(430);
  addDockWidget(Qt::RightDockWidgetArea, m_pluginDock);

  connect(&m_state, &ViewerState::cursorChanged, this, &MainWindow::onCursorChanged);
  connect(&m_state, &ViewerState::labelsEdited, this, &MainWindow::onLabelsEdited);
  m_surfaceRebuild = new QTimer(this);
  m_surfaceRebuild->setSingleShot(true);
  m_surfaceRebuild->setInterval(400);
  connect(m_surfaceRebuild, &QTimer::timeout, this, [this] { m_surfaceView->setLabels(m_state.labels()); });

  if (m_plugins.plugins().empty()) statusBar()->showMessage(tr("No measurement plugin loaded"));
  else statusBar()->showMessage(tr("Open a CT study: File > Open, or drop a folder or file here"));
}

MainWindow::~MainWindow() { closeSessions(); }

void MainWindow::buildViews() {
  auto* central = new QWidget;
  auto* grid = new QGridLayout(central);
  grid->setContentsMargins(2, 2, 2, 2);
  grid->setSpacing(2);
  m_sliceViews = {new SliceView(m_state, m_editor, SliceAxis::Axial), new SliceView(m_state, m_editor, SliceAxis::Coronal),
                  new SliceView(m_state, m_editor, SliceAxis::Sagittal)};
  m_surfaceView = new SurfaceView;
  grid->addWidget(m_sliceViews[0], 0, 0);
  grid->addWidget(m_sliceViews[1], 0, 1);
  grid->addWidget(m_sliceViews[2], 1, 0);
  grid->addWidget(m_surfaceView, 1, 1);
  setCentralWidget(central);
}

void MainWindow::buildToolBars() {
  QToolBar* display = addToolBar(tr("Display"));
  display->setObjectName(QStringLiteral("displayToolBar"));
  display->addWidget(new QLabel(tr(" Window ")));
  m_presetBox = new QComboBox;
  for (const auto& preset : ctPresets())
    m_presetBox->addItem(preset.name);
  m_presetBox->addItem(tr("Automatic (MR)"));
  connect(m_presetBox, &QComboBox::activated, this, &MainWindow::applyPreset);
  display->addWidget(m_presetBox);
  display->addWidget(new QLabel(tr("  Overlay ")));
  m_opacitySlider = new QSlider(Qt::Horizontal);
  m_opacitySlider->setRange(0, 100);
  m_opacitySlider->setValue(int(m_state.overlayOpacity() * 100));
  m_opacitySlider->setMaximumWidth(120);
  m_opacitySlider->setToolTip(tr("Overlay fill opacity (outlines stay visible)"));
  connect(m_opacitySlider, &QSlider::valueChanged, this, [this](int value) { m_state.setOverlayOpacity(value / 100.0); });
  display->addWidget(m_opacitySlider);

  QToolBar* correction = addToolBar(tr("Correction"));
  correction->setObjectName(QStringLiteral("correctionToolBar"));
  auto* tools = new QActionGroup(this);
  m_navigateAction = correction->addAction(tr("Navigate"));
  m_brushAction = correction->addAction(tr("Brush"));
  m_eraserAction = correction->addAction(tr("Eraser"));
  m_navigateAction->setShortcut(Qt::Key_N);
  m_brushAction->setShortcut(Qt::Key_B);
  m_eraserAction->setShortcut(Qt::Key_E);
  for (QAction* action : {m_navigateAction, m_brushAction, m_eraserAction}) {
    action->setCheckable(true);
    tools->addAction(action);
    connect(action, &QAction::triggered, this, &MainWindow::updateTool);
  }
  m_navigateAction->setChecked(true);
  m_structureBox = new QComboBox;
  for (const Structure structure : kStructures)
    m_structureBox->addItem(colourIcon(plugin::structureColor(structure)),
                            QString::fromStdString(structureDisplayName(structure)));
  connect(m_structureBox, &QComboBox::currentIndexChanged, this, &MainWindow::updateTool);
  correction->addWidget(m_structureBox);
  m_brushRadius = new QDoubleSpinBox;
  m_brushRadius->setRange(0.5, 30);
  m_brushRadius->setValue(4);
  m_brushRadius->setSuffix(tr(" mm"));
  m_brushRadius->setToolTip(tr("Brush radius"));
  connect(m_brushRadius, &QDoubleSpinBox::valueChanged, this, &MainWindow::updateTool);
  correction->addWidget(m_brushRadius);
  QAction* undo = m_editor.undoStack()->createUndoAction(this, tr("Undo"));
  QAction* redo = m_editor.undoStack()->createRedoAction(this, tr("Redo"));
  undo->setShortcut(QKeySequence::Undo);
  redo->setShortcut(QKeySequence::Redo);
  correction->addAction(undo);
  correction->addAction(redo);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Open DICOM &folder..."), QKeySequence::Open, this, &MainWindow::openFolderDialog);
  file->addAction(tr("Open &file (DICOM, NIfTI, NRRD, MHA)..."), this, &MainWindow::openFileDialog);
  m_exportMenu = file->addMenu(tr("&Export"));
  m_exportMenu->setEnabled(false);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(m_editor.undoStack()->createUndoAction(this, tr("Undo")));
  edit->addAction(m_editor.undoStack()->createRedoAction(this, tr("Redo")));
  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < m_presetBox->count(); ++i)
    view->addAction(m_presetBox->itemText(i), this, [this, i] {
      m_presetBox->setCurrentIndex(i);
      applyPreset(i);
    });
  view->addAction(tr("Reset zoom and pan"), this, [this] {
    for (SliceView* v : m_sliceViews)
      v->resetView();
  });
}

SliceView* MainWindow::sliceView(SliceAxis axis) const {
  for (SliceView* v : m_sliceViews)
    if (v->axis() == axis) return v;
  return nullptr;
}

void MainWindow::openFolderDialog() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open DICOM folder"));
  if (!folder.isEmpty()) openInput(folder);
}

void MainWindow::openFileDialog() {
  const QString file = QFileDialog::getOpenFileName(this, tr("Open image"), {},
                                                    tr("Images (*.dcm *.nii *.nii.gz *.nrrd *.mha DICOMDIR);;All files (*)"));
  if (!file.isEmpty()) openInput(file);
}

bool MainWindow::openInput(const QString& path, const QString& seriesUid) {
  statusBar()->showMessage(tr("Loading %1...").arg(path));
  QApplication::setOverrideCursor(Qt::WaitCursor);
  dicom::LoadOptions options;
  options.seriesInstanceUid = seriesUid.toStdString();
  auto loaded = dicom::loadInput(path.toStdString(), options);
  QApplication::restoreOverrideCursor();
  if (!loaded) {
    showError(tr("Cannot open %1").arg(path), QString::fromStdString(loaded.error().describe()));
    statusBar()->showMessage(tr("Nothing loaded"));
    return false;
  }
  if (m_interactive && seriesUid.isEmpty() && measurableSeriesCount(loaded.value().series) > 1) {
    const auto picked = pickSeries(this, loaded.value().series, loaded.value().chosenSeriesUid);
    if (!picked) return false;
    if (*picked != loaded.value().chosenSeriesUid) return openInput(path, QString::fromStdString(*picked));
  }
  auto volume = std::make_shared<Volume>(std::move(loaded.value().volume));
  for (const auto& warning : volume->warnings)
    std::cerr << "iliometry-viewer: " << warning << '\n';
  showVolume(std::move(volume), path.toStdString());
  return true;
}

void MainWindow::closeSessions() {
  m_pluginTabs->clear();
  m_exportMenu->clear();
  m_exportMenu->setEnabled(false);
  m_sessions.clear(); // cancels and waits for running measurements
}

void MainWindow::showVolume(std::shared_ptr<const Volume> volume, const std::filesystem::path& path) {
  closeSessions();
  m_inputPath = path;
  const bool isCt = volume->info.modality == Modality::CT;
  m_state.setVolume(std::move(volume));
  setWindowTitle(tr("Iliometry viewer \u2014 %1").arg(QString::fromStdString(path.filename().string())));
  m_presetBox->setCurrentIndex(isCt ? 0 : int(ctPresets().size()));
  applyPreset(m_presetBox->currentIndex());
  m_surfaceView->setVolume(m_state.volume()->image.GetPointer());

  for (const auto& loaded : m_plugins.plugins()) {
    auto session = loaded.plugin->createSession(*this);
    m_pluginTabs->addTab(session->panel(), loaded.name);
    for (QAction* action : session->exportActions())
      m_exportMenu->addAction(action);
    m_sessions.push_back(std::move(session));
  }
  m_exportMenu->setEnabled(!m_sessions.empty());
  onCursorChanged();
  statusBar()->showMessage(tr("Loaded %1").arg(QString::fromStdString(path.string())));
  // CT and MR both have a pipeline; a volume of unknown modality waits for the user.
  const bool measurable = isCt || m_state.volume()->info.modality == Modality::MR;
  if (m_autoMeasure && measurable)
    for (auto& session : m_sessions)
      session->start();
}

void MainWindow::applyPreset(int index) {
  if (index >= 0 && index < int(ctPresets().size())) m_state.setWindowLevel(ctPresets()[std::size_t(index)].windowLevel);
  else if (m_state.hasVolume()) m_state.setWindowLevel(automaticWindowLevel(*m_state.volume()->image));
}

void MainWindow::updateTool() {
  const EditTool tool = m_brushAction->isChecked()    ? EditTool::Brush
                        : m_eraserAction->isChecked() ? EditTool::Eraser
                                                      : EditTool::Navigate;
  const Structure structure = kStructures[std::size_t(std::max(0, m_structureBox->currentIndex()))];
  for (SliceView* v : m_sliceViews)
    v->setTool(tool, structure, m_brushRadius->value());
  if (tool != EditTool::Navigate && m_state.labels() == nullptr)
    statusBar()->showMessage(tr("Nothing to correct yet: measure first"));
}

void MainWindow::onCursorChanged() {
  const int slice = m_state.cursor()[2];
  for (auto& session : m_sessions)
    session->currentSliceChanged(slice);
}

void MainWindow::onLabelsEdited(bool strokeFinished) {
  if (!strokeFinished) return;
  for (auto& session : m_sessions)
    session->labelsEdited();
  m_surfaceRebuild->start();
}

void MainWindow::setLabelOverlay(LabelImage::Pointer labels, const LevelSet& levels) {
  m_state.setLabels(labels, levels);
  m_surfaceView->setLabels(labels.GetPointer());
}

void MainWindow::goToSlice(int sliceIndex) { m_state.setCursorOnAxis(SliceAxis::Axial, sliceIndex); }

void MainWindow::showStatus(const QString& message) { statusBar()->showMessage(message); }

void MainWindow::showError(const QString& title, const QString& message) {
  if (m_interactive) QMessageBox::warning(this, title, message);
  else std::cerr << "iliometry-viewer: " << title.toStdString() << ": " << message.toStdString() << '\n';
}

void MainWindow::measurementFinished(bool succeeded) { emit measurementDone(succeeded); }

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.isEmpty() || !urls.front().isLocalFile()) return;
  event->acceptProposedAction();
  const QString path = urls.front().toLocalFile();
  // Open after the drop returns, so the drag source is not kept waiting while the study loads.
  QTimer::singleShot(0, this, [this, path] { openInput(path); });
}

} // namespace iliometry::viewer
