#include "core/data/image_folder.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/data/image_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace ms::data {

namespace {

bool isHidden(const fs::path& p) { return p.filename().string().rfind('.', 0) == 0; }

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

ImageFolder scanImageFolder(const std::string& root, const std::vector<std::string>& expectedClasses) {
    std::error_code ec;
    if (!fs::exists(root, ec)) throw Error(root, "no such folder");
    if (!fs::is_directory(root, ec)) throw Error(root, "is not a folder (expected one sub-folder per class)");

    ImageFolder folder;
    folder.root = fs::absolute(root).lexically_normal().string();
    std::vector<fs::path> classDirs;
    for (const auto& entry : fs::directory_iterator(root, ec))
        if (entry.is_directory() && !isHidden(entry.path())) classDirs.push_back(entry.path());
    if (ec) throw Error(root, "cannot list folder: " + ec.message());
    if (classDirs.empty()) throw Error(root, "holds no class sub-folders (expected one sub-folder per class)");
    std::sort(classDirs.begin(), classDirs.end());

    for (const auto& dir : classDirs) folder.classNames.push_back(dir.filename().string());
    if (!expectedClasses.empty() && folder.classNames != expectedClasses)
        throw Error(root, "class folders [" + joinNames(folder.classNames) + "] do not match the task's classes [" +
                              joinNames(expectedClasses) + "]");

    for (size_t label = 0; label < classDirs.size(); ++label) {
        std::vector<std::string> files;
        for (const auto& entry : fs::directory_iterator(classDirs[label], ec)) {
            if (isHidden(entry.path())) continue;
            if (entry.is_directory()) continue;
            if (!hasImageExtension(entry.path().string()))
                throw Error(entry.path().string(), "is not an image file (class folders may hold only images)");
            files.push_back(fs::absolute(entry.path()).lexically_normal().string());
        }
        if (files.empty()) throw Error(classDirs[label].string(), "class folder holds no images");
        std::sort(files.begin(), files.end());
        for (auto& f : files) {
            folder.files.push_back(std::move(f));
            folder.labels.push_back(int64_t(label));
        }
    }
    return folder;
}

ImageBatch loadImageFolder(const ImageFolder& folder, int size, const std::function<void(int64_t, int64_t)>& progress) {
    ImageBatch batch;
    batch.height = size;
    batch.width = size;
    batch.labels = folder.labels;
    batch.pixels.resize(size_t(batch.count() * batch.imageBytes()));
    const auto total = int64_t(folder.files.size());
    for (int64_t i = 0; i < total; ++i) {
        const cv::Mat rgb = resizeAndCrop(readImageRgb(folder.files[size_t(i)]), size, size);
        for (int row = 0; row < size; ++row)
            std::memcpy(batch.image(i) + int64_t(row) * size * 3, rgb.ptr(row), size_t(size) * 3);
        if (progress && (i % 64 == 63 || i + 1 == total)) progress(i + 1, total);
    }
    return batch;
}

std::vector<std::string> findUnreadableImages(const ImageFolder& folder,
                                              const std::function<void(int64_t, int64_t)>& progress) {
    std::vector<std::string> problems;
    const auto total = int64_t(folder.files.size());
    for (int64_t i = 0; i < total; ++i) {
        try {
            readImageRgb(folder.files[size_t(i)]);
        } catch (const Error& e) {
            problems.push_back(e.what());  // ms::Error's text starts with the path
        }
        if (progress && (i % 64 == 63 || i + 1 == total)) progress(i + 1, total);
    }
    return problems;
}

}  // namespace ms::data
