#include "MeasurementPanel.h"

#include "CsaPlot.h"

#include "iliometry/plugin/StructureColors.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace iliometry::plugin {

namespace {

QString cm2Text(double mm2) { return QString::number(mm2 / kMm2PerCm2, 'f', 2); }

QTableWidgetItem* readOnlyItem(const QString& text, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  item->setTextAlignment(alignment);
  return item;
}

// "volume" is compared in cm3, every other basis (max_csa, a level) in cm2.
QString basisValueText(const std::string& basis, double value) {
  if (basis == "volume") return QString::number(value / kMm3PerCm3, 'f', 1) + QStringLiteral(" cm\u00b3");
  return cm2Text(value) + QStringLiteral(" cm\u00b2");
}

QString basisDisplayName(const std::string& basis) {
  if (basis == "volume") return QObject::tr("volume");
  if (basis == "max_csa") return QObject::tr("max CSA");
  return QObject::tr("CSA at %1").arg(QString::fromStdString(basis));
}

QTableWidget* makeTable(const QStringList& headers, const QString& objectName) {
  auto* table = new QTableWidget(0, headers.size());
  table->setObjectName(objectName);
  table->setHorizontalHeaderLabels(headers);
  table->verticalHeader()->setVisible(false);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table->verticalHeader()->setDefaultSectionSize(20);
  return table;
}

} // namespace

MeasurementPanel::MeasurementPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("iliopsoasPanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);

  auto* runRow = new QHBoxLayout;
  m_measureButton = new QPushButton(tr("Measure"));
  m_measureButton->setToolTip(tr("Segment psoas major and iliacus on both sides and measure them"));
  m_cancelButton = new QPushButton(tr("Cancel"));
  m_cancelButton->setEnabled(false);
  runRow->addWidget(m_measureButton);
  runRow->addWidget(m_cancelButton);
  layout->addLayout(runRow);
  m_progress = new QProgressBar;
  m_progress->setRange(0, 100);
  m_progress->setValue(0);
  layout->addWidget(m_progress);
  m_stage = new QLabel(tr("Not measured yet."));
  m_stage->setWordWrap(true);
  layout->addWidget(m_stage);

  auto* form = new QFormLayout;
  m_threshold = new QDoubleSpinBox;
  m_threshold->setRange(0.5, 199.0);
  m_threshold->setDecimals(1);
  m_threshold->setSingleStep(1.0);
  m_threshold->setValue(10.0); // the field's convention; see docs/measurements.md
  m_threshold->setSuffix(QStringLiteral(" %"));
  m_threshold->setToolTip(tr("|asymmetry index| above which a muscle is flagged as asymmetric"));
  form->addRow(tr("Asymmetry threshold"), m_threshold);
  layout->addLayout(form);

  layout->addWidget(new QLabel(tr("<b>CSA by level (cm\u00b2)</b> \u2014 click a row to go to its slice")));
  QStringList headers{tr("Level"), tr("Slice")};
  for (const Structure structure : kStructures)
    headers << QString::fromStdString(std::string(structure.muscle == Muscle::PsoasMajor ? "Psoas " : "Iliacus ") +
                                      (structure.side == Side::Left ? "L" : "R"));
  m_levelTable = makeTable(headers, QStringLiteral("csaByLevel"));
  for (const Structure structure : kStructures)
    m_levelTable->horizontalHeaderItem(2 + static_cast<int>(indexOf(structure)))->setForeground(structureColor(structure));
  layout->addWidget(m_levelTable, 3);

  layout->addWidget(new QLabel(tr("<b>Left/right asymmetry</b>  AI = (L\u2212R) / mean(L,R)")));
  m_asymmetryTable = makeTable({tr("Muscle"), tr("Basis"), tr("Left"), tr("Right"), tr("AI"), tr("Verdict")},
                               QStringLiteral("asymmetry"));
  m_asymmetryTable->setMaximumHeight(72);
  m_asymmetryTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_asymmetryTable->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
  layout->addWidget(m_asymmetryTable);

  m_summary = new QLabel;
  m_summary->setWordWrap(true);
  layout->addWidget(m_summary);
  m_plot = new CsaPlot;
  layout->addWidget(m_plot, 2);
  m_warnings = new QLabel;
  m_warnings->setWordWrap(true);
  m_warnings->setStyleSheet(QStringLiteral("color: #e8b04a;"));
  layout->addWidget(m_warnings);

  connect(m_measureButton, &QPushButton::clicked, this, &MeasurementPanel::measureRequested);
  connect(m_cancelButton, &QPushButton::clicked, this, &MeasurementPanel::cancelRequested);
  connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &MeasurementPanel::thresholdChanged);
  connect(m_plot, &CsaPlot::sliceRequested, this, &MeasurementPanel::sliceRequested);
  connect(m_levelTable, &QTableWidget::cellClicked, this, [this](int row, int) {
    if (row >= 0 && row < static_cast<int>(m_rowSlice.size()) && m_rowSlice[static_cast<std::size_t>(row)] >= 0)
      emit sliceRequested(m_rowSlice[static_cast<std::size_t>(row)]);
  });
}

double MeasurementPanel::thresholdPercent() const { return m_threshold->value(); }

void MeasurementPanel::setRunning(bool running) {
  m_measureButton->setEnabled(!running);
  m_cancelButton->setEnabled(running);
  if (running) {
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_stage->setText(tr("Starting..."));
  }
}

void MeasurementPanel::setProgress(const QString& stage, double fraction) {
  if (fraction < 0) m_progress->setRange(0, 0);
  else m_progress->setValue(static_cast<int>(std::lround(100 * fraction)));
  m_stage->setText(stage);
}

void MeasurementPanel::showFailure(const QString& message) {
  m_progress->setRange(0, 100);
  m_progress->setValue(0);
  m_stage->setText(QStringLiteral("<span style='color:#ff6b6b'>%1</span>").arg(message.toHtmlEscaped()));
}

void MeasurementPanel::showReport(const report::MeasurementReport& report) {
  m_progress->setRange(0, 100);
  m_progress->setValue(100);
  m_stage->setText(tr("Measured (%1 slices).").arg(report.measurements.sliceCount));
  fillLevelTable(report);
  fillAsymmetryTable(report);
  fillSummary(report);
  m_plot->setData(report.measurements, report.levels);
}

void MeasurementPanel::setCurrentSlice(int sliceIndex) {
  m_plot->setCurrentSlice(sliceIndex);
  for (std::size_t row = 0; row < m_rowSlice.size(); ++row)
    if (m_rowSlice[row] == sliceIndex) {
      m_levelTable->selectRow(static_cast<int>(row));
      return;
    }
  m_levelTable->clearSelection();
}

void MeasurementPanel::fillLevelTable(const report::MeasurementReport& report) {
  const auto& measurements = report.measurements;
  const auto& levels = report.levels.levels;
  // Dixon MR studies add a row with each muscle's fat fraction (fatty infiltration).
  const std::size_t summaryRows = report.fatFraction ? 3 : 2;
  m_levelTable->setRowCount(static_cast<int>(levels.size() + summaryRows));
  m_rowSlice.assign(levels.size() + summaryRows, -1);
  int row = 0;
  for (const auto& level : levels) {
    m_rowSlice[static_cast<std::size_t>(row)] = level.sliceIndex;
    m_levelTable->setItem(row, 0, readOnlyItem(QString::fromStdString(level.name), Qt::AlignLeft | Qt::AlignVCenter));
    m_levelTable->setItem(row, 1, readOnlyItem(QString::number(level.sliceIndex)));
    const bool inVolume = level.sliceIndex >= 0 && level.sliceIndex < measurements.sliceCount;
    for (const Structure structure : kStructures)
      m_levelTable->setItem(row, 2 + static_cast<int>(indexOf(structure)),
                            readOnlyItem(inVolume ? cm2Text(measurements.csaMm2(structure, level.sliceIndex))
                                                  : QStringLiteral("\u2014")));
    ++row;
  }
  m_levelTable->setItem(row, 0, readOnlyItem(tr("Max CSA"), Qt::AlignLeft | Qt::AlignVCenter));
  m_levelTable->setItem(row, 1, readOnlyItem(QString()));
  for (const Structure structure : kStructures)
    m_levelTable->setItem(row, 2 + static_cast<int>(indexOf(structure)), readOnlyItem(cm2Text(measurements.of(structure).maxCsaMm2)));
  ++row;
  m_levelTable->setItem(row, 0, readOnlyItem(tr("Vol. cm\u00b3"), Qt::AlignLeft | Qt::AlignVCenter));
  m_levelTable->setItem(row, 1, readOnlyItem(QString()));
  for (const Structure structure : kStructures)
    m_levelTable->setItem(row, 2 + static_cast<int>(indexOf(structure)),
                          readOnlyItem(QString::number(measurements.of(structure).volumeMm3 / kMm3PerCm3, 'f', 1)));
  if (!report.fatFraction) return;
  ++row;
  m_levelTable->setItem(row, 0, readOnlyItem(tr("Fat fraction %"), Qt::AlignLeft | Qt::AlignVCenter));
  m_levelTable->setItem(row, 1, readOnlyItem(QString()));
  for (const Structure structure : kStructures) {
    const auto percent = report.fatFraction->of(structure).volumePercent;
    m_levelTable->setItem(row, 2 + static_cast<int>(indexOf(structure)),
                          readOnlyItem(percent ? QString::number(*percent, 'f', 1) : QStringLiteral("\u2014")));
  }
}

void MeasurementPanel::fillAsymmetryTable(const report::MeasurementReport& report) {
  const auto& verdicts = report.asymmetry.verdicts;
  m_asymmetryTable->setRowCount(static_cast<int>(verdicts.size()));
  int row = 0;
  for (const auto& verdict : verdicts) {
    const AsymmetryEntry* entry = nullptr;
    for (const auto& candidate : report.asymmetry.entries)
      if (candidate.muscle == verdict.muscle && candidate.basis == verdict.basis) entry = &candidate;
    m_asymmetryTable->setItem(row, 0, readOnlyItem(QString::fromStdString(muscleDisplayName(verdict.muscle)),
                                                   Qt::AlignLeft | Qt::AlignVCenter));
    m_asymmetryTable->setItem(row, 1, readOnlyItem(basisDisplayName(verdict.basis), Qt::AlignLeft | Qt::AlignVCenter));
    m_asymmetryTable->setItem(row, 2, readOnlyItem(entry ? basisValueText(verdict.basis, entry->left) : QString()));
    m_asymmetryTable->setItem(row, 3, readOnlyItem(entry ? basisValueText(verdict.basis, entry->right) : QString()));
    m_asymmetryTable->setItem(row, 4, readOnlyItem(verdict.indexPercent
                                                       ? QString::asprintf("%+.1f %%", *verdict.indexPercent)
                                                       : QStringLiteral("\u2014")));
    QTableWidgetItem* flag;
    if (!verdict.indexPercent) {
      flag = readOnlyItem(tr("no verdict"), Qt::AlignLeft | Qt::AlignVCenter);
    } else if (verdict.asymmetricHypertrophy) {
      const QString larger = verdict.largerSide == Side::Left ? tr("L > R") : tr("R > L");
      flag = readOnlyItem(tr("FLAG %1").arg(larger), Qt::AlignLeft | Qt::AlignVCenter);
      flag->setBackground(QColor(150, 30, 30));
      flag->setForeground(Qt::white);
    } else {
      flag = readOnlyItem(tr("within %1 %").arg(verdict.thresholdPercent, 0, 'g', 3), Qt::AlignLeft | Qt::AlignVCenter);
      flag->setForeground(QColor(120, 210, 130));
    }
    if (!verdict.note.empty()) flag->setToolTip(QString::fromStdString(verdict.note));
    m_asymmetryTable->setItem(row, 5, flag);
    ++row;
  }
}

void MeasurementPanel::fillSummary(const report::MeasurementReport& report) {
  const auto& pmi = report.psoasMuscleIndex;
  QString pmiText = pmi.valueCm2PerM2 ? tr("%1 cm\u00b2/m\u00b2").arg(*pmi.valueCm2PerM2, 0, 'f', 2)
                                      : tr("n/a (%1)").arg(QString::fromStdString(pmi.note));
  QString text = tr("<b>Psoas muscle index</b> (L3): %1").arg(pmiText.toHtmlEscaped());
  if (pmi.psoasCsaCm2) text += tr("<br>Total psoas CSA at L3: %1 cm\u00b2").arg(*pmi.psoasCsaCm2, 0, 'f', 2);
  text += tr("<br>Levels: %1 (confidence %2)")
              .arg(QString::fromStdString(report.levels.method).toHtmlEscaped())
              .arg(report.levels.confidence, 0, 'f', 2);
  m_summary->setText(text);
  QStringList warnings;
  for (const auto& warning : report.warnings)
    warnings << QStringLiteral("\u26a0 %1").arg(QString::fromStdString(warning.message).toHtmlEscaped());
  m_warnings->setText(warnings.join(QStringLiteral("<br>")));
}

} // namespace iliometry::plugin
