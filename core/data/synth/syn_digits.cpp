// SynDigits, the SVHN analogue: one centred digit in a random Hershey style and colour on a
// random background, often flanked by neighbouring digits as in house numbers, so the model
// must learn to read the middle one.
#include <opencv2/imgproc.hpp>

#include "core/data/synth/drawing.h"
#include "core/data/synth/generator_factories.h"
#include "core/data/synth/glyphs.h"

namespace ms::data::synth {

namespace {

class SynDigits final : public ImageGenerator {
public:
    std::string id() const override { return "syn_digits"; }
    std::string displayName() const override { return "SynDigits"; }
    std::vector<std::string> classNames() const override {
        return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    }
    int version() const override { return 1; }

    cv::Mat render(int label, Rng& rng) const override {
        cv::Mat image = randomBackground(kRenderSize, rng);
        const Colour ink = contrastColour(cv::mean(image), rng);
        const GlyphStyle style = randomGlyphStyle(rng, /*italic*/ 0.3, 2, 6, 30.0, 44.0);

        const double gap = rng.uniform(4.0, 10.0);
        auto randomNeighbour = [&rng]() {
            return rng.chance(0.6) ? std::to_string(rng.integer(0, 9)) : std::string();
        };
        const std::string left = randomNeighbour();
        const std::string right = randomNeighbour();
        const GlyphRow row = drawGlyphRow(std::to_string(label), left, right, style, gap);

        const cv::Point2d inkCentre(row.inkBox.x + row.inkBox.width / 2.0,
                                    row.inkBox.y + row.inkBox.height / 2.0);
        const cv::Point2d target = jitteredCentre(31.5, 4.0, 3.0, rng);
        const double scale = style.inkHeight / row.inkBox.height * rng.uniform(0.9, 1.1);
        const double angle = rng.uniform(-12.0, 12.0);
        const double shear = rng.uniform(-0.15, 0.15);
        const cv::Mat mask =
            warpAffineExact(row.mask, placementTransform(inkCentre, target, angle, scale, shear),
                            image.size(), cv::BORDER_CONSTANT);
        paintMask(image, mask, ink);
        return finish(image, {/*blur*/ 0.5, 2.0, 12.0}, rng);
    }
};

}  // namespace

std::unique_ptr<ImageGenerator> makeSynDigits() { return std::make_unique<SynDigits>(); }

}  // namespace ms::data::synth
