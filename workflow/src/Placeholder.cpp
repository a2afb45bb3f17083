namespace iliometry::workflow {}
