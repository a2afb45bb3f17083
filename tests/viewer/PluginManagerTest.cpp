#include "PluginManager.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using iliometry::viewer::PluginManager;

TEST(PluginManager, FindsTheIliopsoasPluginInTheViewersPluginFolder) {
  PluginManager manager;
  EXPECT_EQ(manager.loadFrom(QStringLiteral(ILIOMETRY_PLUGIN_DIR)), 1) << manager.problems().join('\n').toStdString();
  ASSERT_EQ(manager.plugins().size(), 1u);
  EXPECT_EQ(manager.plugins().front().name, QStringLiteral("Iliopsoas"));
  EXPECT_TRUE(manager.problems().isEmpty());
}

TEST(PluginManager, RefusesAPluginBuiltForAnotherInterfaceVersionWithAMessage) {
  PluginManager manager;
  EXPECT_EQ(manager.loadFrom(QStringLiteral(INCOMPATIBLE_PLUGIN_DIR)), 0);
  ASSERT_EQ(manager.problems().size(), 1);
  const std::string problem = manager.problems().front().toStdString();
  EXPECT_NE(problem.find("version 99"), std::string::npos) << problem;
  EXPECT_NE(problem.find("needs version 1"), std::string::npos) << problem;
}

TEST(PluginManager, ABrokenLibraryGivesAMessageNotACrash) {
  QTemporaryDir folder;
  ASSERT_TRUE(folder.isValid());
  QFile broken(folder.filePath(QStringLiteral("libbroken.so")));
  ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
  broken.write("this is not an ELF file");
  broken.close();
  PluginManager manager;
  EXPECT_EQ(manager.loadFrom(folder.path()), 0);
  ASSERT_EQ(manager.problems().size(), 1);
  EXPECT_TRUE(manager.problems().front().contains(QStringLiteral("libbroken.so")));
  EXPECT_TRUE(manager.problems().front().contains(QStringLiteral("not a Qt plugin")));
}

TEST(PluginManager, AMissingFolderIsReported) {
  PluginManager manager;
  EXPECT_EQ(manager.loadFrom(QStringLiteral("/nonexistent/iliometry/plugins")), 0);
  ASSERT_EQ(manager.problems().size(), 1);
  EXPECT_TRUE(manager.problems().front().contains(QStringLiteral("does not exist")));
}
