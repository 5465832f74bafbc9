#include "ui/base/lab_data.h"

#include <cmath>
#include <limits>

namespace ms::ui {

double MethodAccuracy::average() const {
    double sum = 0.0;
    int count = 0;
    for (double a : accuracy)
        if (!std::isnan(a)) sum += a, ++count;
    return count ? sum / count : std::numeric_limits<double>::quiet_NaN();
}

double MethodAccuracy::on(const QString& task) const {
    const int i = int(tasks.indexOf(task));
    return i >= 0 && i < accuracy.size() ? accuracy[i] : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace ms::ui
