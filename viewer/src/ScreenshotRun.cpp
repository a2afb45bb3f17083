#include "ScreenshotRun.h"

#include "MainWindow.h"

#include "iliometry/core/AtomicFile.h"

#include <QApplication>
#include <QHeaderView>
#include <QPixmap>
#include <QTableView>
#include <QTimer>

#include <iostream>

namespace iliometry::viewer {

QString tablesAsText(const QWidget& root) {
  QString text;
  for (const QTableView* table : root.findChildren<QTableView*>()) {
    const QAbstractItemModel* model = table->model();
    if (model == nullptr) continue;
    text += QStringLiteral("# %1\n").arg(table->objectName());
    QStringList header;
    for (int c = 0; c < model->columnCount(); ++c)
      header << model->headerData(c, Qt::Horizontal).toString();
    text += header.join('\t') + '\n';
    for (int r = 0; r < model->rowCount(); ++r) {
      QStringList cells;
      for (int c = 0; c < model->columnCount(); ++c)
        cells << model->data(model->index(r, c)).toString();
      text += cells.join('\t') + '\n';
    }
  }
  return text;
}

ScreenshotRun::ScreenshotRun(MainWindow& window, QString pngPath, QString tablesPath, int timeoutSeconds)
    : m_window(window), m_pngPath(std::move(pngPath)), m_tablesPath(std::move(tablesPath)),
      m_timeoutSeconds(timeoutSeconds) {}

int ScreenshotRun::start(const QString& inputPath) {
  m_window.setInteractive(false);
  m_window.setAutoMeasure(true);
  m_window.resize(1600, 1000);
  m_window.show();
  QApplication::processEvents();
  if (!m_window.openInput(inputPath)) return 2;
  connect(&m_window, &MainWindow::measurementDone, this, [this](bool measured) {
    // Let the overlay, the surfaces and the table settle into a painted frame first.
    QTimer::singleShot(300, this, [this, measured] { capture(measured); });
  });
  QTimer::singleShot(m_timeoutSeconds * 1000, this, [] {
    std::cerr << "iliometry-viewer: --screenshot: the measurement did not finish in time\n";
    QApplication::exit(2);
  });
  return QApplication::exec();
}

void ScreenshotRun::capture(bool measured) {
  const QImage image = m_window.grab().toImage();
  if (image.isNull() || !image.save(m_pngPath, "PNG")) {
    std::cerr << "iliometry-viewer: cannot write the screenshot " << m_pngPath.toStdString() << '\n';
    QApplication::exit(2);
    return;
  }
  if (!m_tablesPath.isEmpty()) {
    auto written = writeFileAtomically(m_tablesPath.toStdString(), tablesAsText(m_window).toStdString());
    if (!written) {
      std::cerr << "iliometry-viewer: " << written.error().describe() << '\n';
      QApplication::exit(2);
      return;
    }
  }
  QApplication::exit(measured ? 0 : 1);
}

} // namespace iliometry::viewer
