// iliometry-viewer [INPUT] [--screenshot FILE [--dump-tables FILE]] [--plugin-dir DIR]
#include "MainWindow.h"
#include "PluginManager.h"
#include "ScreenshotRun.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QSurfaceFormat>
#include <QTimer>

#include <vtkGenericOpenGLRenderWindow.h>

#include <iostream>

using namespace iliometry::viewer;

int main(int argc, char** argv) {
  // VTK 9.1 needs an OpenGL 3.2 core context; it must be the default before QApplication exists.
  QSurfaceFormat format;
  format.setRenderableType(QSurfaceFormat::OpenGL);
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setDepthBufferSize(24);
  format.setStencilBufferSize(8);
  format.setSamples(0);
  QSurfaceFormat::setDefaultFormat(format);
  QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);

  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("iliometry-viewer"));
  QApplication::setStyle(QStringLiteral("Fusion"));
  QPalette dark;
  dark.setColor(QPalette::Window, QColor(37, 40, 45));
  dark.setColor(QPalette::WindowText, QColor(225, 228, 232));
  dark.setColor(QPalette::Base, QColor(28, 30, 34));
  dark.setColor(QPalette::AlternateBase, QColor(40, 43, 48));
  dark.setColor(QPalette::Text, QColor(225, 228, 232));
  dark.setColor(QPalette::Button, QColor(50, 54, 60));
  dark.setColor(QPalette::ButtonText, QColor(225, 228, 232));
  dark.setColor(QPalette::Highlight, QColor(45, 110, 170));
  dark.setColor(QPalette::HighlightedText, Qt::white);
  dark.setColor(QPalette::ToolTipBase, QColor(50, 54, 60));
  dark.setColor(QPalette::ToolTipText, QColor(225, 228, 232));
  QApplication::setPalette(dark);

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Iliometry viewer: psoas and iliacus on CT, with correction"));
  parser.addHelpOption();
  parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("DICOM folder or file, DICOMDIR, NIfTI, NRRD or MHA"));
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QStringLiteral("Load INPUT, measure, save the main window as a PNG and quit"),
                                QStringLiteral("FILE"));
  QCommandLineOption dumpTables(QStringLiteral("dump-tables"),
                                QStringLiteral("With --screenshot: also write the window's tables as text"),
                                QStringLiteral("FILE"));
  QCommandLineOption pluginDir(QStringLiteral("plugin-dir"), QStringLiteral("Folder of measurement plugins"),
                               QStringLiteral("DIR"),
                               QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plugins")));
  QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("With --screenshot: give up after SECONDS"),
                             QStringLiteral("SECONDS"), QStringLiteral("300"));
  parser.addOptions({screenshot, dumpTables, pluginDir, timeout});
  parser.process(app);
  const QStringList inputs = parser.positionalArguments();

  PluginManager plugins;
  plugins.loadFrom(parser.value(pluginDir));
  for (const QString& problem : plugins.problems())
    std::cerr << "iliometry-viewer: " << problem.toStdString() << '\n';

  MainWindow window(plugins);
  if (parser.isSet(screenshot)) {
    if (inputs.size() != 1) {
      std::cerr << "iliometry-viewer: --screenshot needs exactly one INPUT\n";
      return 2;
    }
    if (plugins.plugins().empty()) {
      std::cerr << "iliometry-viewer: --screenshot needs the measurement plugin (none loaded from "
                << parser.value(pluginDir).toStdString() << ")\n";
      return 2;
    }
    ScreenshotRun run(window, parser.value(screenshot), parser.value(dumpTables), parser.value(timeout).toInt());
    return run.start(inputs.front());
  }
  window.resize(1600, 1000);
  window.show();
  if (!plugins.problems().isEmpty())
    QTimer::singleShot(0, &window, [&] { window.showError(QObject::tr("Plugins"), plugins.problems().join('\n')); });
  if (!inputs.isEmpty())
    QTimer::singleShot(0, &window, [&] { window.openInput(inputs.front()); });
  return QApplication::exec();
}
