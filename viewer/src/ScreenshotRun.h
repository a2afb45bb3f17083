#pragma once
// `--screenshot FILE INPUT`: load, measure with the plugins, render the main window into a PNG
// and quit. `--dump-tables FILE` also writes every table of the window as tab-separated text,
// exactly as displayed, so that a test can check what the user would read.
#include <QObject>
#include <QString>

namespace iliometry::viewer {

class MainWindow;

class ScreenshotRun : public QObject {
  Q_OBJECT
public:
  ScreenshotRun(MainWindow& window, QString pngPath, QString tablesPath, int timeoutSeconds);
  // Exit code once finished: 0 written after a successful measurement, 1 the measurement
  // failed (the PNG is still written), 2 nothing could be written or the run timed out.
  int start(const QString& inputPath);

private:
  void capture(bool measured);
  MainWindow& m_window;
  QString m_pngPath, m_tablesPath;
  int m_timeoutSeconds;
};

// Every QTableView under `root` as "# objectName", a header line and one line per row.
QString tablesAsText(const QWidget& root);

} // namespace iliometry::viewer
