#pragma once
// The bridge between Qt 6 and VTK 9.1: a QOpenGLWidget that lets a vtkGenericOpenGLRenderWindow
// render with the widget's context and blits VTK's frame into the widget. (Debian's VTK Qt
// widgets are built against Qt 5, which cannot share a process with Qt 6; see
// ../shared/docs/platform-notes.md for the three traps this class avoids.)
#include <QOpenGLWidget>

#include <vtkNew.h>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;

namespace iliometry::viewer {

class VtkOpenGLWidget : public QOpenGLWidget {
  Q_OBJECT
public:
  explicit VtkOpenGLWidget(QWidget* parent = nullptr);
  ~VtkOpenGLWidget() override;

  vtkGenericOpenGLRenderWindow* renderWindow() const;
  vtkGenericRenderWindowInteractor* interactor() const;

protected:
  void initializeGL() override;
  void resizeGL(int width, int height) override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

private:
  void onVtkEvent(vtkObject* caller, unsigned long eventId, void* callData);
  void forwardMouse(QMouseEvent* event, unsigned long vtkEvent);

  vtkNew<vtkGenericOpenGLRenderWindow> m_window;
  vtkNew<vtkGenericRenderWindowInteractor> m_interactor;
};

} // namespace iliometry::viewer
