#pragma once
// The 3-D view: the four muscles as coloured surfaces over a translucent bone surface (spine
// and pelvis), seen from the front with the head up.
#include "VtkOpenGLWidget.h"

#include "iliometry/core/Volume.h"

#include <vtkSmartPointer.h>

class vtkActor;
class vtkRenderer;

namespace iliometry::viewer {

class SurfaceView : public VtkOpenGLWidget {
  Q_OBJECT
public:
  explicit SurfaceView(QWidget* parent = nullptr);
  ~SurfaceView() override;
  void setVolume(const IntensityImage* image);
  // Rebuilds the muscle surfaces from `labels` (null: none).
  void setLabels(const LabelImage* labels);

private:
  void resetCamera();
  vtkSmartPointer<vtkRenderer> m_renderer;
  vtkSmartPointer<vtkActor> m_bone;
  vtkSmartPointer<vtkActor> m_muscles;
};

} // namespace iliometry::viewer
