#pragma once
// MR intensities are relative: the same tissue differs between scanners, coils and positions in
// the coil. Before any tissue can be recognised, the body is found and the smooth multiplicative
// bias field of the receive coils is removed (N4, Tustison 2010).
#include "iliometry/core/ImageTypes.h"

namespace iliometry::segmentation {

// Body voxels: above a fraction of the bright tissue's signal, per slice the largest connected
// piece with its holes filled (bowel gas, vessels and cortical bone are dark inside the body).
MaskImage::Pointer bodyMask(const IntensityImage& image);

// N4 bias-field correction inside `body`, fitted on a copy shrunk to about 10 mm voxels and
// applied at full resolution. Voxels outside the body keep their values.
IntensityImage::Pointer correctBiasField(const IntensityImage& image, const MaskImage& body);

} // namespace iliometry::segmentation
