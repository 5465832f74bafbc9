#pragma once
// Host images to Qt: an RGB image of a batch as a QImage (deep copy, so the batch may go away).
#include <QImage>

#include "core/data/image_batch.h"

namespace ms::ui {

QImage toQImage(const data::ImageBatch& batch, int64_t index);

}  // namespace ms::ui
