#include "IliopsoasPlugin.h"

#include "IliopsoasSession.h"

namespace iliometry::plugin {

QString IliopsoasPlugin::displayName() const { return QStringLiteral("Iliopsoas"); }

std::unique_ptr<MeasurementSession> IliopsoasPlugin::createSession(PluginHost& host) {
  return std::make_unique<IliopsoasSession>(host);
}

} // namespace iliometry::plugin
