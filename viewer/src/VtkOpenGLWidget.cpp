// GLEW first: it must see the GL headers before Qt includes them.
#include <vtk_glew.h>

#include "VtkOpenGLWidget.h"

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkOpenGLState.h>

namespace iliometry::viewer {

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent) : QOpenGLWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  // VTK draws into its own framebuffer and we copy it: it must never swap or blit by itself.
  m_window->SetFrameBlitModeToNoBlit();
  m_window->SetReadyForRendering(false);
  m_window->SetOwnContext(false);
  m_window->SetMultiSamples(0);
  m_interactor->SetRenderWindow(m_window);
  // Renders requested by the interactor style become a Qt repaint; paintGL renders.
  m_interactor->EnableRenderOff();
  vtkNew<vtkInteractorStyleTrackballCamera> style;
  m_interactor->SetInteractorStyle(style);
  m_interactor->Initialize();

  for (unsigned long event : {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent,
                              vtkCommand::WindowFrameEvent}) {
    m_window->AddObserver(event, this, &VtkOpenGLWidget::onVtkEvent);
  }
  m_interactor->AddObserver(vtkCommand::RenderEvent, this, &VtkOpenGLWidget::onVtkEvent);
}

VtkOpenGLWidget::~VtkOpenGLWidget() {
  makeCurrent();
  m_window->Finalize(); // releases VTK's GL resources while the context still exists
  m_window->RemoveAllObservers();
  m_interactor->RemoveAllObservers();
  doneCurrent();
}

vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const { return m_window; }
vtkGenericRenderWindowInteractor* VtkOpenGLWidget::interactor() const { return m_interactor; }

void VtkOpenGLWidget::onVtkEvent(vtkObject*, unsigned long eventId, void* callData) {
  switch (eventId) {
  case vtkCommand::WindowMakeCurrentEvent:
    // Not QOpenGLWidget::makeCurrent(): that binds Qt's framebuffer under VTK's state cache.
    if (context() != nullptr) context()->makeCurrent(context()->surface());
    break;
  case vtkCommand::WindowIsCurrentEvent:
    *static_cast<bool*>(callData) = context() != nullptr && QOpenGLContext::currentContext() == context();
    break;
  case vtkCommand::RenderEvent:
    update();
    break;
  default:
    break;
  }
}

void VtkOpenGLWidget::initializeGL() {
  m_window->SetReadyForRendering(true);
  m_window->SetIsDirect(true);
  m_window->SetSupportsOpenGL(true);
  m_window->InitializeFromCurrentContext();
  const qreal ratio = devicePixelRatioF();
  m_window->SetSize(static_cast<int>(width() * ratio), static_cast<int>(height() * ratio));
}

void VtkOpenGLWidget::resizeGL(int width, int height) {
  const qreal ratio = devicePixelRatioF();
  m_window->SetSize(static_cast<int>(width * ratio), static_cast<int>(height * ratio));
  m_interactor->SetSize(static_cast<int>(width * ratio), static_cast<int>(height * ratio));
}

void VtkOpenGLWidget::paintGL() {
  const qreal ratio = devicePixelRatioF();
  const int widthPx = static_cast<int>(width() * ratio), heightPx = static_cast<int>(height() * ratio);
  m_window->SetSize(widthPx, heightPx);
  m_window->Render();

  vtkOpenGLState* state = m_window->GetState();
  state->PushDrawFramebufferBinding();
  state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
  m_window->BlitDisplayFramebuffer(0, 0, 0, widthPx, heightPx, 0, 0, widthPx, heightPx, GL_COLOR_BUFFER_BIT,
                                   GL_NEAREST);
  // VTK's frame may carry alpha < 1, which Qt would composite as transparency.
  state->vtkglColorMask(false, false, false, true);
  state->vtkglClearColor(0, 0, 0, 1);
  state->vtkglClear(GL_COLOR_BUFFER_BIT);
  state->vtkglColorMask(true, true, true, true);
  state->PopDrawFramebufferBinding();
}

void VtkOpenGLWidget::forwardMouse(QMouseEvent* event, unsigned long vtkEvent) {
  const qreal ratio = devicePixelRatioF();
  const QPointF position = event->position() * ratio;
  m_interactor->SetEventInformationFlipY(static_cast<int>(position.x()), static_cast<int>(position.y()),
                                         (event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                         (event->modifiers() & Qt::ShiftModifier) ? 1 : 0);
  m_interactor->InvokeEvent(vtkEvent, event);
}

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event) {
  switch (event->button()) {
  case Qt::LeftButton: forwardMouse(event, vtkCommand::LeftButtonPressEvent); break;
  case Qt::MiddleButton: forwardMouse(event, vtkCommand::MiddleButtonPressEvent); break;
  case Qt::RightButton: forwardMouse(event, vtkCommand::RightButtonPressEvent); break;
  default: break;
  }
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event) {
  switch (event->button()) {
  case Qt::LeftButton: forwardMouse(event, vtkCommand::LeftButtonReleaseEvent); break;
  case Qt::MiddleButton: forwardMouse(event, vtkCommand::MiddleButtonReleaseEvent); break;
  case Qt::RightButton: forwardMouse(event, vtkCommand::RightButtonReleaseEvent); break;
  default: break;
  }
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event) { forwardMouse(event, vtkCommand::MouseMoveEvent); }

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event) {
  const qreal ratio = devicePixelRatioF();
  const QPointF position = event->position() * ratio;
  m_interactor->SetEventInformationFlipY(static_cast<int>(position.x()), static_cast<int>(position.y()));
  m_interactor->InvokeEvent(event->angleDelta().y() > 0 ? vtkCommand::MouseWheelForwardEvent
                                                        : vtkCommand::MouseWheelBackwardEvent,
                            event);
}

} // namespace iliometry::viewer
