#include "SurfaceView.h"

#include "iliometry/plugin/StructureColors.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkDiscreteFlyingEdges3D.h>
#include <vtkFlyingEdges3D.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageData.h>
#include <vtkImageShrink3D.h>
#include <vtkLookupTable.h>
#include <vtkMatrix3x3.h>
#include <vtkPointData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkWindowedSincPolyDataFilter.h>

#include <cstring>

namespace iliometry::viewer {

namespace {

// Cortical bone and the dense posterior elements; cancellous bone of older patients is lower,
// but the surface is only an anatomical landmark here.
constexpr double kBoneSurfaceHu = 250.0;
// In-plane voxels are merged for the landmark surface so that it builds in well under a second.
constexpr int kBoneShrinkInPlane = 2;

// Copies an ITK image into vtkImageData (ITK's VTK glue is not available here).
template <typename ItkImage, typename Pixel>
vtkSmartPointer<vtkImageData> toVtk(const ItkImage& image, int vtkType) {
  const auto size = image.GetLargestPossibleRegion().GetSize();
  auto data = vtkSmartPointer<vtkImageData>::New();
  data->SetDimensions(int(size[0]), int(size[1]), int(size[2]));
  data->SetSpacing(image.GetSpacing()[0], image.GetSpacing()[1], image.GetSpacing()[2]);
  data->SetOrigin(image.GetOrigin()[0], image.GetOrigin()[1], image.GetOrigin()[2]);
  vtkNew<vtkMatrix3x3> direction;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      direction->SetElement(r, c, image.GetDirection()[r][c]);
  data->SetDirectionMatrix(direction);
  data->AllocateScalars(vtkType, 1);
  std::memcpy(data->GetScalarPointer(), image.GetBufferPointer(), sizeof(Pixel) * size[0] * size[1] * size[2]);
  return data;
}

} // namespace

SurfaceView::SurfaceView(QWidget* parent) : VtkOpenGLWidget(parent) {
  setObjectName(QStringLiteral("surfaceView"));
  m_renderer = vtkSmartPointer<vtkRenderer>::New();
  m_renderer->SetBackground(0.05, 0.06, 0.08);
  m_renderer->SetBackground2(0.16, 0.18, 0.22);
  m_renderer->GradientBackgroundOn();
  renderWindow()->AddRenderer(m_renderer);
  vtkNew<vtkTextActor> caption;
  caption->SetInput("3D  anterior view (drag: rotate, wheel: zoom)");
  caption->GetTextProperty()->SetFontSize(13);
  caption->GetTextProperty()->SetColor(0.85, 0.87, 0.9);
  caption->SetDisplayPosition(8, 8);
  m_renderer->AddActor2D(caption);
}

SurfaceView::~SurfaceView() = default;

void SurfaceView::setVolume(const IntensityImage* image) {
  if (m_bone) m_renderer->RemoveActor(m_bone);
  m_bone = nullptr;
  setLabels(nullptr);
  if (image == nullptr) {
    update();
    return;
  }
  auto data = toVtk<IntensityImage, float>(*image, VTK_FLOAT);
  vtkNew<vtkImageShrink3D> shrink;
  shrink->SetInputData(data);
  shrink->SetShrinkFactors(kBoneShrinkInPlane, kBoneShrinkInPlane, 1);
  shrink->AveragingOn();
  vtkNew<vtkFlyingEdges3D> surface;
  surface->SetInputConnection(shrink->GetOutputPort());
  surface->SetValue(0, kBoneSurfaceHu);
  surface->ComputeNormalsOn();
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputConnection(surface->GetOutputPort());
  mapper->ScalarVisibilityOff();
  m_bone = vtkSmartPointer<vtkActor>::New();
  m_bone->SetMapper(mapper);
  m_bone->GetProperty()->SetColor(0.93, 0.90, 0.82);
  m_bone->GetProperty()->SetOpacity(0.35);
  m_renderer->AddActor(m_bone);
  resetCamera();
  update();
}

void SurfaceView::setLabels(const LabelImage* labels) {
  if (m_muscles) m_renderer->RemoveActor(m_muscles);
  m_muscles = nullptr;
  if (labels != nullptr) {
    auto data = toVtk<LabelImage, std::uint8_t>(*labels, VTK_UNSIGNED_CHAR);
    vtkNew<vtkDiscreteFlyingEdges3D> surfaces;
    surfaces->SetInputData(data);
    for (const Structure structure : kStructures)
      surfaces->SetValue(int(indexOf(structure)), labelOf(structure));
    surfaces->ComputeScalarsOn(); // each surface carries its label, which picks its colour
    vtkNew<vtkWindowedSincPolyDataFilter> smooth; // removes the voxel staircase, keeps the shape
    smooth->SetInputConnection(surfaces->GetOutputPort());
    smooth->SetNumberOfIterations(15);
    smooth->SetPassBand(0.1);
    smooth->NormalizeCoordinatesOn();
    vtkNew<vtkLookupTable> colours;
    colours->SetNumberOfTableValues(kStructures.size());
    colours->SetTableRange(1, double(kStructures.size()));
    for (const Structure structure : kStructures) {
      const QColor c = plugin::structureColor(structure);
      colours->SetTableValue(vtkIdType(indexOf(structure)), c.redF(), c.greenF(), c.blueF(), 1.0);
    }
    colours->Build();
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(smooth->GetOutputPort());
    mapper->SetLookupTable(colours);
    mapper->SetScalarRange(1, double(kStructures.size()));
    mapper->SetScalarModeToUsePointData();
    mapper->ScalarVisibilityOn();
    mapper->SetColorModeToMapScalars();
    m_muscles = vtkSmartPointer<vtkActor>::New();
    m_muscles->SetMapper(mapper);
    m_muscles->GetProperty()->SetSpecular(0.2);
    m_renderer->AddActor(m_muscles);
  }
  update();
}

void SurfaceView::resetCamera() {
  vtkCamera* camera = m_renderer->GetActiveCamera();
  // LPS: the front of the patient is -y, the head +z. Seen from the front, the patient's left is on the screen's right.
  camera->SetFocalPoint(0, 0, 0);
  camera->SetPosition(0, -1, 0);
  camera->SetViewUp(0, 0, 1);
  m_renderer->ResetCamera();
  camera->Zoom(1.3);
}

} // namespace iliometry::viewer
