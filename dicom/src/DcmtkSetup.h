#pragma once
// One-time DCMTK set-up shared by the reader and the writer: codec registration and a quiet log.
namespace iliometry::dicom {

// Registers DCMTK's JPEG, JPEG-LS and RLE decoders and encoders, and sets DCMTK's log level to
// fatal only (its warnings about odd files would otherwise spam stderr; we report our own).
// Thread-safe; cheap after the first call.
void ensureDcmtkReady();

} // namespace iliometry::dicom
