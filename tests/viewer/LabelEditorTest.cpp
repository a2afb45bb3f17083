#include "LabelEditor.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace iliometry;
using namespace iliometry::viewer;

namespace {

struct EditorFixture {
  EditorFixture() {
    auto volume = std::make_shared<Volume>();
    volume->image = IntensityImage::New();
    IntensityImage::SizeType size{{20, 20, 3}};
    volume->image->SetRegions(IntensityImage::RegionType(size));
    volume->image->Allocate(true);
    state.setVolume(volume);
    labels = LabelImage::New();
    labels->SetRegions(IntensityImage::RegionType(size));
    labels->Allocate(true);
    state.setLabels(labels, {});
  }
  std::size_t count(LabelValue value) const {
    const auto* begin = labels->GetBufferPointer();
    return std::size_t(std::count(begin, begin + 20 * 20 * 3, value));
  }
  ViewerState state;
  LabelEditor editor{state};
  LabelImage::Pointer labels;
};

const Structure kPsoasLeft{Muscle::PsoasMajor, Side::Left};
const Structure kIliacusLeft{Muscle::Iliacus, Side::Left};

} // namespace

TEST(LabelEditor, BrushPaintsADiskOnTheCurrentSliceOnly) {
  EditorFixture f;
  const SliceGeometry axial = sliceGeometry(SliceAxis::Axial, f.state.size(), f.state.spacingMm());
  f.editor.beginStroke(kPsoasLeft, false);
  f.editor.paintDisk(axial, 1, QPointF(10, 10), 3.0);
  f.editor.endStroke();
  // Voxel centres within 3 mm of (10, 10) on a 1 mm grid: 6 x 6 minus the 4 corners.
  EXPECT_EQ(f.count(labelOf(kPsoasLeft)), 32u);
  EXPECT_EQ(f.labels->GetBufferPointer()[10 + 20 * 10 + 400 * 1], labelOf(kPsoasLeft));
  EXPECT_EQ(f.labels->GetBufferPointer()[10 + 20 * 10 + 400 * 0], kBackgroundLabel);
}

TEST(LabelEditor, EraserRemovesOnlyTheChosenStructure) {
  EditorFixture f;
  auto* voxels = f.labels->GetBufferPointer();
  voxels[5 + 20 * 5] = labelOf(kPsoasLeft);
  voxels[6 + 20 * 5] = labelOf(kIliacusLeft);
  const SliceGeometry axial = sliceGeometry(SliceAxis::Axial, f.state.size(), f.state.spacingMm());
  f.editor.beginStroke(kPsoasLeft, true);
  f.editor.paintDisk(axial, 0, QPointF(6, 6), 4.0);
  f.editor.endStroke();
  EXPECT_EQ(voxels[5 + 20 * 5], kBackgroundLabel);
  EXPECT_EQ(voxels[6 + 20 * 5], labelOf(kIliacusLeft));
}

TEST(LabelEditor, UndoAndRedoRestoreAWholeStrokeAndNotifyFinishedEdits) {
  EditorFixture f;
  int finishedEdits = 0;
  QObject::connect(&f.state, &ViewerState::labelsEdited, [&](bool finished) { finishedEdits += finished ? 1 : 0; });
  const SliceGeometry coronal = sliceGeometry(SliceAxis::Coronal, f.state.size(), f.state.spacingMm());
  f.editor.beginStroke(kPsoasLeft, false);
  f.editor.paintDisk(coronal, 4, QPointF(5, 1), 2.0);
  f.editor.paintDisk(coronal, 4, QPointF(8, 1), 2.0);
  f.editor.endStroke();
  const std::size_t painted = f.count(labelOf(kPsoasLeft));
  ASSERT_GT(painted, 0u);
  EXPECT_EQ(finishedEdits, 1);
  EXPECT_EQ(f.editor.undoStack()->count(), 1) << "one stroke, one undo step";
  f.editor.undoStack()->undo();
  EXPECT_EQ(f.count(labelOf(kPsoasLeft)), 0u);
  f.editor.undoStack()->redo();
  EXPECT_EQ(f.count(labelOf(kPsoasLeft)), painted);
  EXPECT_EQ(finishedEdits, 3);
}
