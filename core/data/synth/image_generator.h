#pragma once
// The interface of one procedural image task (SynDigits, SynSigns, ...): a fixed label space
// and a pure function (label, random stream) -> 32x32 RGB image. Everything random must come
// from the Rng passed in, so that a data set is a function of (generator, version, seed, count).
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/data/synth/rng.h"

namespace ms::data {

class ImageGenerator {
public:
    virtual ~ImageGenerator() = default;

    // Stable identifier used in caches and recipes, e.g. "syn_digits".
    virtual std::string id() const = 0;
    // Name for people, e.g. "SynDigits".
    virtual std::string displayName() const = 0;
    // One name per label, in label order.
    virtual std::vector<std::string> classNames() const = 0;
    // Bump whenever the pixels for a given (label, stream) change, so caches keyed by it
    // are invalidated.
    virtual int version() const = 0;

    // Renders one sample of class `label` (0 <= label < classCount()): 32x32 CV_8UC3, RGB.
    virtual cv::Mat render(int label, Rng& rng) const = 0;

    int classCount() const { return static_cast<int>(classNames().size()); }

    // Side of the square images every generator returns.
    static constexpr int kImageSize = 32;
};

}  // namespace ms::data
