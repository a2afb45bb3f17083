#include "PluginManager.h"

#include <QDir>
#include <QJsonObject>
#include <QLibrary>

namespace iliometry::viewer {

int PluginManager::loadFrom(const QString& folder) {
  const QDir dir(folder);
  if (!dir.exists()) {
    m_problems << QObject::tr("plugin folder %1 does not exist: no measurement plugins").arg(folder);
    return 0;
  }
  int loaded = 0;
  for (const QFileInfo& file : dir.entryInfoList(QDir::Files, QDir::Name)) {
    if (!QLibrary::isLibrary(file.fileName())) continue;
    const QString path = file.absoluteFilePath();
    auto loader = std::make_unique<QPluginLoader>(path);
    const QJsonObject meta = loader->metaData();
    if (meta.isEmpty()) {
      m_problems << QObject::tr("%1 is not a Qt plugin (no plugin metadata found): %2").arg(path, loader->errorString());
      continue;
    }
    const QString iid = meta.value(QStringLiteral("IID")).toString();
    const QJsonObject data = meta.value(QStringLiteral("MetaData")).toObject();
    const int apiVersion = data.value(QStringLiteral("apiVersion")).toInt(-1);
    if (!iid.startsWith(QStringLiteral("org.iliometry.MeasurementPlugin/")) ) {
      m_problems << QObject::tr("%1 is not an Iliometry measurement plugin (interface %2)").arg(path, iid);
      continue;
    }
    if (apiVersion != plugin::kPluginApiVersion || iid != QStringLiteral(ILIOMETRY_MEASUREMENT_PLUGIN_IID)) {
      m_problems << QObject::tr("%1 was built for plugin interface version %2, this viewer needs version %3: not loaded")
                        .arg(path)
                        .arg(apiVersion)
                        .arg(plugin::kPluginApiVersion);
      continue;
    }
    QObject* instance = loader->instance();
    auto* measurement = qobject_cast<plugin::MeasurementPlugin*>(instance);
    if (measurement == nullptr) {
      m_problems << QObject::tr("%1 could not be loaded: %2").arg(path, loader->errorString());
      continue;
    }
    m_plugins.push_back({file.fileName(), data.value(QStringLiteral("name")).toString(measurement->displayName()),
                         data.value(QStringLiteral("description")).toString(), measurement});
    m_loaders.push_back(std::move(loader));
    ++loaded;
  }
  return loaded;
}

} // namespace iliometry::viewer
