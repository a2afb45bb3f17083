#include "SeriesPicker.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace iliometry::viewer {

int measurableSeriesCount(const std::vector<dicom::SeriesSummary>& series) {
  int count = 0;
  for (const auto& s : series)
    if (s.isVolumeCandidate) ++count;
  return count;
}

std::optional<std::string> pickSeries(QWidget* parent, const std::vector<dicom::SeriesSummary>& series,
                                      const std::string& preselectedUid) {
  QDialog dialog(parent);
  dialog.setWindowTitle(QObject::tr("Choose a series"));
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(new QLabel(QObject::tr("This study holds several series. Which one should be measured?")));
  auto* list = new QListWidget;
  std::vector<std::string> uids;
  for (const auto& s : series) {
    QString text = QStringLiteral("%1  %2  %3 images  %4x%5x%6  %7")
                       .arg(QString::fromStdString(s.modality), QString::fromStdString(s.seriesDescription))
                       .arg(s.imageCount)
                       .arg(s.sizeVoxels[0])
                       .arg(s.sizeVoxels[1])
                       .arg(s.sizeVoxels[2])
                       .arg(QString::fromStdString(s.orientation));
    if (!s.isVolumeCandidate) text += QObject::tr("  (cannot be measured: %1)").arg(QString::fromStdString(s.notCandidateReason));
    auto* item = new QListWidgetItem(text, list);
    item->setToolTip(QString::fromStdString(s.seriesInstanceUid));
    if (!s.isVolumeCandidate) item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    if (s.seriesInstanceUid == preselectedUid) list->setCurrentItem(item);
    uids.push_back(s.seriesInstanceUid);
  }
  layout->addWidget(list);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel);
  layout->addWidget(buttons);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  QObject::connect(list, &QListWidget::itemDoubleClicked, &dialog, &QDialog::accept);
  dialog.resize(640, 320);
  if (dialog.exec() != QDialog::Accepted || list->currentRow() < 0) return std::nullopt;
  return uids[static_cast<std::size_t>(list->currentRow())];
}

} // namespace iliometry::viewer
