#include "core/zoo/zoo_tasks.h"

#include "core/data/idx_reader.h"
#include "core/data/real_sources.h"
#include "core/data/synth/generate.h"
#include "core/data/synth/synthetic_registry.h"
#include "core/util/error.h"

namespace ms::zoo {

const std::vector<ZooTaskSpec>& zooTaskSuite() {
    static const std::vector<ZooTaskSpec> suite{
        {"syn_scenes", "SynScenes", "SUN397", "syn_scenes"},
        {"fashion_mnist", "Fashion-MNIST", "Stanford Cars", "fashion_mnist"},
        {"syn_aerial", "SynAerial", "RESISC45", "syn_aerial"},
        {"syn_land_cover", "SynLandCover", "EuroSAT", "syn_land_cover"},
        {"syn_digits", "SynDigits", "SVHN", "syn_digits"},
        {"syn_signs", "SynSigns", "GTSRB", "syn_signs"},
        {"mnist", "MNIST", "MNIST", "mnist"},
        {"syn_textures", "SynTextures", "DTD", "syn_textures"},
    };
    return suite;
}

const ZooTaskSpec& zooTask(const std::string& id) {
    for (const auto& t : zooTaskSuite())
        if (t.id == id) return t;
    std::string known;
    for (const auto& t : zooTaskSuite()) known += (known.empty() ? "" : ", ") + t.id;
    throw Error("unknown zoo task '" + id + "'; known: " + known);
}

uint64_t deriveSeed(uint64_t zooSeed, const std::string& purpose) {
    // FNV-1a over the purpose, mixed with the seed by splitmix64's finaliser.
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : purpose) h = (h ^ c) * 1099511628211ull;
    uint64_t z = h ^ (zooSeed * 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

ZooTaskData loadZooTask(const ZooTaskSpec& task, int64_t trainCount, int64_t testCount, uint64_t seed,
                        const std::vector<std::string>& mnistSearchDirs) {
    ZooTaskData out;
    if (task.source == "mnist" || task.source == "fashion_mnist") {
        std::string why;
        auto real = task.source == "mnist" ? data::loadMnist(mnistSearchDirs, &why) : data::loadFashionMnist(&why);
        if (!real) throw Error(task.displayName + " is not available: " + why);
        out.train = data::stratifiedSubset(real->train, trainCount, deriveSeed(seed, task.id + "/train"));
        out.test = data::stratifiedSubset(real->test, testCount, deriveSeed(seed, task.id + "/test"));
        out.classNames = real->classNames;
        out.sourceDescription = real->sourceDescription;
        return out;
    }
    const auto generator = data::makeSyntheticGenerator(task.source);
    out.train = data::generate(*generator, trainCount, deriveSeed(seed, task.id + "/train"));
    out.test = data::generate(*generator, testCount, deriveSeed(seed, task.id + "/test"));
    out.classNames = generator->classNames();
    out.sourceDescription = "procedural generator " + generator->id() + " v" + std::to_string(generator->version());
    return out;
}

}  // namespace ms::zoo
