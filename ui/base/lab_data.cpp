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

bool PoolDiagnostic::isValid() const {
    const int n = taskCount();
    if (n == 0 || verdict.isEmpty()) return false;
    switch (kind) {
    case Kind::Identifiability: return !layerAccuracy.isEmpty() && recall.size() == layerAccuracy.size() * n;
    case Kind::Disentanglement: return n >= 2 && !alphas.isEmpty() && pairError.size() == n * n;
    case Kind::Alignment: return alignment.size() == n;
    }
    return false;
}

double AdaptationSignal::at(int layer, int imageTask, int vector) const {
    const int t = taskCount();
    if (layer >= 0) return values.value((layer * t + imageTask) * t + vector, std::numeric_limits<double>::quiet_NaN());
    double sum = 0.0;
    for (int l = 0; l < layers; ++l) sum += at(l, imageTask, vector);
    return sum;
}

int AdaptationSignal::surestVector(int layer, int imageTask) const {
    int first = 0;
    for (int v = 1; v < taskCount(); ++v)
        if (at(layer, imageTask, v) < at(layer, imageTask, first)) first = v;
    return first;
}

int AdaptationSignal::ownVectorSurestCount(int layer) const {
    int count = 0;
    for (int s = 0; s < taskCount(); ++s) count += ownVectorSurest(layer, s);
    return count;
}

bool AdaptationSignal::sharpensEveryTask(int layer, int vector) const {
    for (int s = 0; s < taskCount(); ++s)
        if (!(at(layer, s, vector) < 0.0)) return false;
    return taskCount() > 0;
}

}  // namespace ms::ui
