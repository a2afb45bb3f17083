#include "IliopsoasSession.h"

#include "MeasurementPanel.h"

#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/workflow/MeasureOutputs.h"

#include <QAction>
#include <QFileDialog>
#include <QThread>

#include <exception>

namespace iliometry::plugin {

namespace {

using RunOutcome = Result<std::optional<workflow::VolumeMeasurement>>;

constexpr const char* kCorrectionWarning =
    "labels were corrected by hand in iliometry-viewer: every measurement is of the corrected labels";

// The slice a radiologist looks at first: mid-L3 (psoas muscle index level), else the slice of
// the largest left psoas, else the middle of the volume.
int firstSliceToShow(const report::MeasurementReport& report) {
  if (const auto* l3 = report.levels.find("L3")) return l3->sliceIndex;
  const auto& psoas = report.measurements.of({Muscle::PsoasMajor, Side::Left});
  if (psoas.maxCsaSliceIndex >= 0) return psoas.maxCsaSliceIndex;
  return report.measurements.sliceCount / 2;
}

} // namespace

IliopsoasSession::IliopsoasSession(PluginHost& host)
    : m_host(host), m_volume(host.volume()), m_panel(std::make_unique<MeasurementPanel>()) {
  m_exportAllAction = new QAction(tr("Export measurements (labels, JSON, CSV)..."), this);
  m_exportLabelsAction = new QAction(tr("Save corrected labels as NIfTI..."), this);
  connect(m_exportAllAction, &QAction::triggered, this, &IliopsoasSession::exportAll);
  connect(m_exportLabelsAction, &QAction::triggered, this, &IliopsoasSession::exportLabels);
  connect(m_panel.get(), &MeasurementPanel::measureRequested, this, &IliopsoasSession::start);
  connect(m_panel.get(), &MeasurementPanel::cancelRequested, this, &IliopsoasSession::cancel);
  connect(m_panel.get(), &MeasurementPanel::thresholdChanged, this, &IliopsoasSession::remeasure);
  connect(m_panel.get(), &MeasurementPanel::sliceRequested, this, [this](int slice) { m_host.goToSlice(slice); });
  updateActions();
}

IliopsoasSession::~IliopsoasSession() {
  // The worker holds its own reference to the volume; it must not report to a dead session.
  m_cancelRequested = true;
  if (m_worker != nullptr) m_worker->wait();
}

QWidget* IliopsoasSession::panel() { return m_panel.get(); }

QList<QAction*> IliopsoasSession::exportActions() { return {m_exportAllAction, m_exportLabelsAction}; }

bool IliopsoasSession::isRunning() const { return m_worker != nullptr; }

void IliopsoasSession::start() {
  if (isRunning() || !m_volume) return;
  m_cancelRequested = false;
  workflow::MeasureOptions options;
  options.inputPath = m_host.inputPath();
  options.asymmetry.thresholdPercent = m_panel->thresholdPercent();
  m_panel->setRunning(true);
  m_host.showStatus(tr("Measuring psoas and iliacus..."));

  auto volume = m_volume;
  m_worker = QThread::create([this, volume, options] {
    auto progress = [this](const std::string& stage, double fraction) {
      QMetaObject::invokeMethod(
          this, [this, text = QString::fromStdString(stage), fraction] { m_panel->setProgress(text, fraction); },
          Qt::QueuedConnection);
    };
    auto outcome = std::make_shared<RunOutcome>(makeError(ErrorCode::Internal, "the measurement did not run"));
    try {
      *outcome = workflow::measureVolume(*volume, options, progress, &m_cancelRequested);
    } catch (const std::exception& e) {
      // Library exceptions the workflow did not translate (out of memory, ...) end the run, not the viewer.
      *outcome = makeError(ErrorCode::Internal, "the measurement stopped on an unexpected error", e.what());
    }
    QMetaObject::invokeMethod(this, [this, outcome] { finishRun(std::move(*outcome)); }, Qt::QueuedConnection);
  });
  m_worker->setParent(this);
  m_worker->start();
}

void IliopsoasSession::cancel() {
  if (!isRunning()) return;
  m_cancelRequested = true;
  m_panel->setProgress(tr("cancelling (at the end of the current stage)..."), -1.0);
}

void IliopsoasSession::finishRun(RunOutcome outcome) {
  m_worker->wait();
  m_worker->deleteLater();
  m_worker = nullptr;
  m_panel->setRunning(false);
  if (!outcome) {
    const QString message = QString::fromStdString(outcome.error().describe());
    m_panel->showFailure(message);
    m_host.showStatus(tr("Measurement failed"));
    m_host.showError(tr("Measurement failed"), message);
    m_host.measurementFinished(false);
    return;
  }
  if (!outcome.value()) {
    m_panel->showFailure(tr("Cancelled: no measurement."));
    m_host.showStatus(tr("Measurement cancelled"));
    m_host.measurementFinished(false);
    return;
  }
  workflow::VolumeMeasurement& result = *outcome.value();
  m_labels = result.labels;
  m_report = std::move(result.report);
  m_edited = false;
  m_host.setLabelOverlay(m_labels, m_report->levels);
  m_panel->showReport(*m_report);
  updateActions();
  m_host.goToSlice(firstSliceToShow(*m_report));
  m_host.showStatus(tr("Measurement done"));
  m_host.measurementFinished(true);
}

void IliopsoasSession::currentSliceChanged(int sliceIndex) { m_panel->setCurrentSlice(sliceIndex); }

void IliopsoasSession::labelsEdited() {
  m_edited = true;
  remeasure();
}

void IliopsoasSession::remeasure() {
  if (!m_report || !m_labels || !m_volume) return;
  AsymmetryOptions asymmetry = m_report->parameters.asymmetry;
  asymmetry.thresholdPercent = m_panel->thresholdPercent();
  auto updated = workflow::remeasureLabels(*m_volume->image, *m_labels, *m_report, asymmetry);
  if (!updated) {
    m_host.showError(tr("Re-measuring failed"), QString::fromStdString(updated.error().describe()));
    return;
  }
  m_report = std::move(updated.value());
  if (m_edited) m_report->warnings.push_back({"workflow", kCorrectionWarning});
  m_panel->showReport(*m_report);
}

void IliopsoasSession::exportAll() {
  if (!m_report || !m_labels) return;
  const QString folder = QFileDialog::getExistingDirectory(m_host.dialogParent(), tr("Export measurements to folder"));
  if (folder.isEmpty()) return;
  auto written = exportTo(folder.toStdString());
  if (!written) {
    m_host.showError(tr("Export failed"), QString::fromStdString(written.error().describe()));
    return;
  }
  m_host.showStatus(tr("Wrote the reports to %1").arg(folder));
}

Result<workflow::MeasureOutputs> IliopsoasSession::exportTo(const std::filesystem::path& folder) const {
  if (!m_report || !m_labels) return makeError(ErrorCode::InvalidArgument, "nothing measured yet: nothing to export");
  if (!m_volume) return makeError(ErrorCode::InvalidArgument, "no volume is loaded: nothing to export");
  // Every report format: labels, PDF, SEG/SR/key image for DICOM input, CSV and JSON.
  return workflow::writeMeasureOutputs(folder, *m_volume, *m_labels, *m_report, workflow::ExportOptions{});
}

void IliopsoasSession::exportLabels() {
  if (!m_labels) return;
  const QString path = QFileDialog::getSaveFileName(m_host.dialogParent(), tr("Save corrected labels"),
                                                    QStringLiteral("labels.nii.gz"), tr("NIfTI (*.nii.gz *.nii)"));
  if (path.isEmpty()) return;
  auto written = dicom::writeLabelFile(*m_labels, path.toStdString());
  if (!written) {
    m_host.showError(tr("Saving labels failed"), QString::fromStdString(written.error().describe()));
    return;
  }
  m_host.showStatus(tr("Wrote %1").arg(path));
}

void IliopsoasSession::updateActions() {
  const bool haveResult = m_report.has_value() && m_labels;
  m_exportAllAction->setEnabled(haveResult);
  m_exportLabelsAction->setEnabled(haveResult);
}

} // namespace iliometry::plugin
