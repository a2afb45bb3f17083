namespace iliometry::report {}
