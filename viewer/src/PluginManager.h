#pragma once
// Finds measurement plugins in a folder, checks their metadata (interface id and apiVersion)
// before running any of their code, and keeps the compatible ones loaded. Every file that is
// not a usable plugin gives a problem message for the user, never a crash.
#include "iliometry/plugin/MeasurementPlugin.h"

#include <QPluginLoader>
#include <QStringList>

#include <memory>
#include <vector>

namespace iliometry::viewer {

struct LoadedPlugin {
  QString fileName;
  QString name;
  QString description;
  plugin::MeasurementPlugin* plugin = nullptr; // owned by Qt's plugin loader
};

class PluginManager {
public:
  // Loads every shared library in `folder`; returns how many plugins were loaded.
  int loadFrom(const QString& folder);
  const std::vector<LoadedPlugin>& plugins() const { return m_plugins; }
  const QStringList& problems() const { return m_problems; }

private:
  std::vector<std::unique_ptr<QPluginLoader>> m_loaders;
  std::vector<LoadedPlugin> m_plugins;
  QStringList m_problems;
};

} // namespace iliometry::viewer
