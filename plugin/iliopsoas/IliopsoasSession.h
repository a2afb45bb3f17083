#pragma once
// One loaded volume's measurement: runs workflow::measureVolume in a worker thread, keeps the
// report and the (possibly corrected) labels, re-measures after edits or a new threshold, and
// exports through the workflow's writers.
#include "iliometry/plugin/MeasurementPlugin.h"
#include "iliometry/workflow/MeasureOutputs.h"
#include "iliometry/workflow/VolumeMeasurement.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace iliometry::plugin {

class MeasurementPanel;

class IliopsoasSession : public QObject, public MeasurementSession {
  Q_OBJECT
public:
  explicit IliopsoasSession(PluginHost& host);
  ~IliopsoasSession() override;

  QWidget* panel() override;
  QList<QAction*> exportActions() override;
  void start() override;
  void cancel() override;
  bool isRunning() const override;
  void currentSliceChanged(int sliceIndex) override;
  void labelsEdited() override;

  // Writes labels.nii.gz, measurements.json and .csv of the current (corrected) result into
  // `folder`; what File > Export does after asking for the folder. OutputFailed names the path.
  Result<workflow::MeasureOutputs> exportTo(const std::filesystem::path& folder) const;
  const std::optional<report::MeasurementReport>& currentReport() const { return m_report; }

private:
  void finishRun(Result<std::optional<workflow::VolumeMeasurement>> outcome);
  void remeasure();
  void exportAll();
  void exportLabels();
  void updateActions();

  PluginHost& m_host;
  std::shared_ptr<const Volume> m_volume;
  std::unique_ptr<MeasurementPanel> m_panel;
  QAction* m_exportAllAction = nullptr;
  QAction* m_exportLabelsAction = nullptr;
  QThread* m_worker = nullptr; // owned by this (QObject parent)
  std::atomic<bool> m_cancelRequested{false};
  LabelImage::Pointer m_labels; // shared with the host's overlay, which edits it
  std::optional<report::MeasurementReport> m_report;
  bool m_edited = false; // the labels were corrected by hand since the automatic run
};

} // namespace iliometry::plugin
