#include "ui/base/image_conversion.h"

namespace ms::ui {

QImage toQImage(const data::ImageBatch& batch, int64_t index) {
    const QImage view(batch.image(index), batch.width, batch.height, batch.width * 3, QImage::Format_RGB888);
    return view.copy();
}

}  // namespace ms::ui
