#pragma once
// The iliopsoas panel: run/cancel with progress, asymmetry threshold, CSA table by level,
// structure and side, asymmetry verdicts with their flag, CSA along the body axis, warnings.
// It only displays a report the workflow computed; it computes no area itself.
#include "iliometry/report/MeasurementReport.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace iliometry::plugin {

class CsaPlot;

class MeasurementPanel : public QWidget {
  Q_OBJECT
public:
  explicit MeasurementPanel(QWidget* parent = nullptr);

  double thresholdPercent() const;
  void setRunning(bool running);
  // fraction < 0: indeterminate
  void setProgress(const QString& stage, double fraction);
  void showFailure(const QString& message);
  void showReport(const report::MeasurementReport& report);
  void setCurrentSlice(int sliceIndex);

signals:
  void measureRequested();
  void cancelRequested();
  void thresholdChanged();
  void sliceRequested(int sliceIndex);

private:
  void fillLevelTable(const report::MeasurementReport& report);
  void fillAsymmetryTable(const report::MeasurementReport& report);
  void fillSummary(const report::MeasurementReport& report);

  QPushButton* m_measureButton;
  QPushButton* m_cancelButton;
  QProgressBar* m_progress;
  QLabel* m_stage;
  QDoubleSpinBox* m_threshold;
  QTableWidget* m_levelTable;
  QTableWidget* m_asymmetryTable;
  QLabel* m_summary;
  QLabel* m_warnings;
  CsaPlot* m_plot;
  std::vector<int> m_rowSlice; // slice index of each level table row
};

} // namespace iliometry::plugin
