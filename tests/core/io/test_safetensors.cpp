// safetensors reader and writer: round trips bit for bit, hand-built files with known bytes,
// and one test per kind of broken file, each expecting an ms::Error that names the file and
// says what is wrong.
#include <QtTest>

#include "core/io/safetensors.h"
#include "core/util/error.h"
#include "support/test_support.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

using ms::io::DType;
using ms::io::SafetensorsFile;
using ms::io::TensorToWrite;

namespace {

template <typename T>
std::vector<uint8_t> bytesOf(const std::vector<T>& values) {
    std::vector<uint8_t> bytes(values.size() * sizeof(T));
    if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    return bytes;
}

// A safetensors file byte by byte, so the tests control every field, broken ones included.
std::vector<uint8_t> rawFile(const std::string& header, const std::vector<uint8_t>& data,
                             std::optional<uint64_t> lengthField = std::nullopt) {
    const uint64_t length = lengthField.value_or(header.size());
    std::vector<uint8_t> bytes;
    for (int i = 0; i < 8; ++i) bytes.push_back(uint8_t(length >> (8 * i)));
    bytes.insert(bytes.end(), header.begin(), header.end());
    bytes.insert(bytes.end(), data.begin(), data.end());
    return bytes;
}

// Pads the header with spaces the way Python's safetensors does: the data buffer starts at a
// multiple of 8.
std::string paddedHeader(std::string header) {
    while ((8 + header.size()) % 8 != 0) header += ' ';
    return header;
}

std::vector<uint8_t> zeros(size_t n) { return std::vector<uint8_t>(n, 0); }

// What open() says about a file it must reject; a marker message when it accepts the file or
// throws something other than ms::Error, which the checks below then report.
std::string rejectionMessage(const std::string& path) {
    try {
        SafetensorsFile::open(path);
        return "<accepted the file>";
    } catch (const ms::Error& e) {
        if (e.path() != path) return std::string("<ms::Error about another path> ") + e.what();
        return e.what();
    } catch (const std::exception& e) {
        return std::string("<not an ms::Error> ") + e.what();
    }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// Checks in the test function itself, so a failure stops that test and shows the message.
#define VERIFY_REJECTED(path, phrase)                                                        \
    do {                                                                                     \
        const std::string message = rejectionMessage(path);                                  \
        QVERIFY2(message.rfind(std::string(path) + ": ", 0) == 0, message.c_str());          \
        QVERIFY2(contains(message, phrase), (message + "\n   expected: " + (phrase)).c_str()); \
    } while (false)

class SafetensorsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;

    std::string pathFor(const QString& name) const { return dir_.filePath(name).toStdString(); }

    std::string writeRaw(const QString& name, const std::vector<uint8_t>& bytes) const {
        const std::string path = pathFor(name);
        ms::test::writeBytes(path, bytes);
        return path;
    }

    // A one-tensor file whose entry for "a" is `entry` (raw JSON), with `dataBytes` of data.
    std::string writeSingleEntry(const QString& name, const std::string& entry, size_t dataBytes = 16) const {
        return writeRaw(name, rawFile(R"({"a":)" + entry + "}", zeros(dataBytes)));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    // ---- round trips and well-formed files -------------------------------------------------

    void roundTripsSeveralDTypesBitForBit() {
        const std::vector<float> f32 = {1.5f, -0.0f, std::numeric_limits<float>::infinity(),
                                        std::numeric_limits<float>::denorm_min(), std::nanf("0x2a"), 3.0f};
        const std::vector<uint16_t> f16Bits = {0x3C00, 0x8000, 0x7E01, 0x0001};  // 1, -0, NaN with payload, tiny
        const std::vector<uint16_t> bf16Bits = {0x3F80, 0xFF81, 0x0000, 0x4049, 0xC2F7, 0x7F80};
        const std::vector<int64_t> i64 = {std::numeric_limits<int64_t>::min(), -1, 0,
                                          std::numeric_limits<int64_t>::max()};
        std::vector<uint8_t> u8(256);
        for (size_t i = 0; i < u8.size(); ++i) u8[i] = uint8_t(255 - i);
        const std::vector<double> f64Scalar = {-2.0 / 3.0};

        const std::vector<TensorToWrite> tensors = {
            {"visual.proj", DType::F32, {2, 3}, f32.data(), 24},
            {"half", DType::F16, {4}, f16Bits.data(), 8},
            {"brain", DType::BF16, {3, 1, 2}, bf16Bits.data(), 12},
            {"labels", DType::I64, {2, 2}, i64.data(), 32},
            {"pixels", DType::U8, {16, 16}, u8.data(), 256},
            {"temperature", DType::F64, {}, f64Scalar.data(), 8},
            {"nothing", DType::I32, {0, 5}, nullptr, 0},
        };
        const std::map<std::string, std::string> metadata = {
            {"format", "pt"}, {"merge_method", "ties"}, {"note", "ünïcødé ✓ and \"quotes\""}};
        const std::string path = pathFor("round_trip.safetensors");
        ms::io::writeSafetensors(path, tensors, metadata);

        const auto file = SafetensorsFile::open(path);
        QCOMPARE(file->metadata(), metadata);
        QCOMPARE(file->tensors().size(), tensors.size());
        uint64_t dataBytes = 0;
        for (size_t i = 0; i < tensors.size(); ++i) {
            const TensorToWrite& written = tensors[i];
            const ms::io::TensorInfo& read = file->at(written.name);
            QCOMPARE(read.name, written.name);
            QVERIFY(read.dtype == written.dtype);
            QCOMPARE(read.shape, written.shape);
            QCOMPARE(read.nbytes(), written.nbytes);
            QCOMPARE(read.begin, dataBytes);  // laid out in the given order, back to back
            QCOMPARE(file->tensors()[i].name, written.name);
            if (written.nbytes > 0) QCOMPARE(std::memcmp(file->data(read), written.data, written.nbytes), 0);
            dataBytes += written.nbytes;
        }
        QCOMPARE(file->at("pixels").numel(), int64_t(256));
        QCOMPARE(file->at("temperature").numel(), int64_t(1));
        QCOMPARE(file->at("nothing").numel(), int64_t(0));
        QCOMPARE(file->fileSize(), file->dataOffset() + dataBytes);
    }

    void dataBufferStartsEightByteAligned() {
        // Names of every length modulo 8 shift the header length through all residues.
        for (int nameLength = 1; nameLength <= 16; ++nameLength) {
            const float value = 1.0f;
            const std::string path = pathFor(QString("aligned_%1.safetensors").arg(nameLength));
            ms::io::writeSafetensors(path, {{std::string(size_t(nameLength), 'w'), DType::F32, {1}, &value, 4}});
            const auto file = SafetensorsFile::open(path);
            QCOMPARE(file->dataOffset() % 8, uint64_t(0));
            const std::vector<uint8_t> bytes = ms::test::readBytes(path);
            uint64_t lengthField = 0;
            for (int i = 0; i < 8; ++i) lengthField |= uint64_t(bytes[size_t(i)]) << (8 * i);
            QCOMPARE(lengthField + 8, file->dataOffset());
        }
    }

    void writesTheDocumentedHeaderLayout() {
        const std::vector<float> values = {1.0f, 2.0f};
        const std::string path = pathFor("layout.safetensors");
        ms::io::writeSafetensors(path, {{"b", DType::F32, {2}, values.data(), 8}, {"a", DType::F32, {1}, values.data(), 4}},
                                 {{"format", "pt"}});
        const std::vector<uint8_t> bytes = ms::test::readBytes(path);
        const std::string header(bytes.begin() + 8, bytes.end() - 12);
        QCOMPARE(header.substr(0, header.find_last_not_of(' ') + 1),
                 std::string(R"({"__metadata__":{"format":"pt"},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                             R"("a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})"));
    }

    void parsesAHandWrittenFile() {
        const std::vector<float> values = {1.0f, -2.5f};
        const std::string header = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        const std::string path = writeRaw("hand.safetensors", rawFile(header, bytesOf(values)));
        const auto file = SafetensorsFile::open(path);
        QCOMPARE(file->path(), path);
        QCOMPARE(file->dataOffset(), uint64_t(8 + 54));
        QCOMPARE(file->fileSize(), uint64_t(8 + 54 + 8));
        QCOMPARE(file->tensors().size(), size_t(1));
        QVERIFY(file->metadata().empty());
        const ms::io::TensorInfo& a = file->at("a");
        QVERIFY(a.dtype == DType::F32);
        QCOMPARE(a.shape, std::vector<int64_t>{2});
        QCOMPARE(a.begin, uint64_t(0));
        QCOMPARE(a.end, uint64_t(8));
        float read[2];
        std::memcpy(read, file->data(a), sizeof read);  // the hand-made header leaves data unaligned
        QCOMPARE(read[0], 1.0f);
        QCOMPARE(read[1], -2.5f);
        QCOMPARE(file->data(a), file->data(a));
    }

    void parsesAFileInPythonLayout() {
        // What safetensors.torch.save_file writes: "__metadata__" first, tensors sorted by
        // dtype size then name and packed back to back, header padded with spaces.
        const std::string header = paddedHeader(
            R"({"__metadata__":{"format":"pt"},)"
            R"("bias":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
            R"("weight":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]},)"
            R"("half":{"dtype":"F16","shape":[3],"data_offsets":[24,30]}})");
        std::vector<uint8_t> data = bytesOf(std::vector<float>{0.5f, -0.5f, 1, 2, 3, 4});
        const std::vector<uint8_t> half = bytesOf(std::vector<uint16_t>{0x3C00, 0x4000, 0x4200});
        data.insert(data.end(), half.begin(), half.end());
        const std::string path = writeRaw("python.safetensors", rawFile(header, data));

        const auto file = SafetensorsFile::open(path);
        QCOMPARE(file->dataOffset() % 8, uint64_t(0));
        QCOMPARE(file->metadata(), (std::map<std::string, std::string>{{"format", "pt"}}));
        QCOMPARE(file->tensors().size(), size_t(3));
        QCOMPARE(file->tensors()[0].name, std::string("bias"));
        QCOMPARE(file->tensors()[1].name, std::string("weight"));
        QCOMPARE(file->tensors()[2].name, std::string("half"));
        QCOMPARE(file->at("weight").shape, (std::vector<int64_t>{2, 2}));
        const auto* weight = reinterpret_cast<const float*>(file->data(file->at("weight")));
        QCOMPARE(weight[3], 4.0f);
        uint16_t lastHalf = 0;
        std::memcpy(&lastHalf, file->data(file->at("half")) + 4, 2);
        QCOMPARE(lastHalf, uint16_t(0x4200));
        QVERIFY(file->find("__metadata__") == nullptr);
    }

    void opensAFileWithoutTensors() {
        const auto empty = SafetensorsFile::open(writeRaw("empty.safetensors", rawFile(paddedHeader("{}"), {})));
        QVERIFY(empty->tensors().empty());
        QVERIFY(empty->metadata().empty());
        QCOMPARE(empty->fileSize(), uint64_t(16));

        const std::string written = pathFor("written_empty.safetensors");
        ms::io::writeSafetensors(written, {}, {{"note", "only metadata"}});
        const auto onlyMetadata = SafetensorsFile::open(written);
        QVERIFY(onlyMetadata->tensors().empty());
        QCOMPARE(onlyMetadata->metadata().at("note"), std::string("only metadata"));
    }

    void acceptsNullMetadata() {
        const auto file = SafetensorsFile::open(writeRaw("null_metadata.safetensors", rawFile(R"({"__metadata__":null})", {})));
        QVERIFY(file->metadata().empty());
    }

    void allowsHolesAndTrailingBytes() {
        const std::string header = R"({"a":{"dtype":"U8","shape":[8],"data_offsets":[8,16]},)"
                                   R"("b":{"dtype":"I32","shape":[1],"data_offsets":[24,28]}})";
        std::vector<uint8_t> data = zeros(40);
        data[8] = 7;
        data[24] = 9;
        const auto file = SafetensorsFile::open(writeRaw("holes.safetensors", rawFile(header, data)));
        QCOMPARE(file->data(file->at("a"))[0], uint8_t(7));
        QCOMPARE(file->data(file->at("b"))[0], uint8_t(9));
    }

    void listsTensorsInOffsetOrder() {
        const std::string header = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},)"
                                   R"("b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                   R"("c":{"dtype":"F32","shape":[0],"data_offsets":[12,12]}})";
        const auto file = SafetensorsFile::open(writeRaw("order.safetensors", rawFile(header, zeros(12))));
        QCOMPARE(file->tensors()[0].name, std::string("b"));
        QCOMPARE(file->tensors()[1].name, std::string("a"));
        QCOMPARE(file->tensors()[2].name, std::string("c"));
    }

    void emptyTensorsNeverOverlap() {
        // Zero bytes share nothing, even inside another tensor's range.
        const std::string header = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                   R"("b":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]}})";
        const auto file = SafetensorsFile::open(writeRaw("empty_inside.safetensors", rawFile(header, zeros(8))));
        QCOMPARE(file->tensors().size(), size_t(2));
    }

    void atNamesTheMissingTensor() {
        const std::string path = writeSingleEntry("lookup.safetensors", R"({"dtype":"F32","shape":[4],"data_offsets":[0,16]})");
        const auto file = SafetensorsFile::open(path);
        QVERIFY(file->find("a") != nullptr);
        QVERIFY(file->find("visual.proj") == nullptr);
        try {
            file->at("visual.proj");
            QFAIL("no error for a missing tensor");
        } catch (const ms::Error& e) {
            QCOMPARE(std::string(e.what()), path + ": missing tensor 'visual.proj'");
        }
    }

    void dataRefusesATensorFromAnotherFile() {
        const auto file = SafetensorsFile::open(
            writeSingleEntry("small.safetensors", R"({"dtype":"U8","shape":[4],"data_offsets":[0,4]})", 4));
        ms::io::TensorInfo foreign = file->at("a");
        foreign.end = 4096;
        QVERIFY_THROWS_EXCEPTION(ms::Error, file->data(foreign));
    }

    void dataStaysValidWhileAnyOwnerLives() {
        const std::vector<int32_t> values = {11, 22, 33};
        const std::string path = pathFor("owner.safetensors");
        ms::io::writeSafetensors(path, {{"v", DType::I32, {3}, values.data(), 12}});
        auto file = SafetensorsFile::open(path);
        const uint8_t* bytes = file->data(file->at("v"));
        std::shared_ptr<const SafetensorsFile> keeper = file;  // what a tensor deleter would hold
        file.reset();
        QCOMPARE(std::memcmp(bytes, values.data(), 12), 0);
    }

    void describesDTypesAndShapes() {
        const DType all[] = {DType::F64, DType::F32, DType::F16, DType::BF16, DType::I64,
                             DType::I32, DType::I16, DType::I8,  DType::U8,   DType::BOOL};
        const size_t sizes[] = {8, 4, 2, 2, 8, 4, 2, 1, 1, 1};
        for (size_t i = 0; i < std::size(all); ++i) {
            QCOMPARE(ms::io::dtypeSize(all[i]), sizes[i]);
            QVERIFY(ms::io::parseDType(ms::io::dtypeName(all[i])) == all[i]);
        }
        QCOMPARE(std::string(ms::io::dtypeName(DType::BF16)), std::string("BF16"));
        QVERIFY(!ms::io::parseDType("F8_E4M3").has_value());
        QVERIFY(!ms::io::parseDType("f32").has_value());
        QCOMPARE(ms::io::describeShape({768, 3, 32, 32}), std::string("[768, 3, 32, 32]"));
        QCOMPARE(ms::io::describeShape({}), std::string("[]"));
    }

    // ---- the writer refuses inconsistent input and leaves no file --------------------------

    void writerRejectsByteCountNotMatchingShape() {
        const std::vector<float> values(3);
        const std::string path = pathFor("writer_bad_size.safetensors");
        try {
            ms::io::writeSafetensors(path, {{"w", DType::F32, {2, 2}, values.data(), 12}});
            QFAIL("no error for 12 bytes given to a [2, 2] F32 tensor");
        } catch (const ms::Error& e) {
            QCOMPARE(std::string(e.what()),
                     path + ": tensor 'w' comes with 12 bytes, but shape [2, 2] of F32 needs 16 bytes");
        }
        QVERIFY(!QFileInfo::exists(QString::fromStdString(path)));
    }

    void writerRejectsDuplicateNames() {
        const float value = 0;
        const std::string path = pathFor("writer_duplicate.safetensors");
        try {
            ms::io::writeSafetensors(path, {{"w", DType::F32, {1}, &value, 4}, {"w", DType::F32, {1}, &value, 4}});
            QFAIL("no error for two tensors named 'w'");
        } catch (const ms::Error& e) {
            QVERIFY2(contains(e.what(), path + ": two tensors are named 'w'"), e.what());
        }
        QVERIFY(!QFileInfo::exists(QString::fromStdString(path)));
    }

    void writerRejectsTheReservedName() {
        const float value = 0;
        QVERIFY_THROWS_EXCEPTION(ms::Error, ms::io::writeSafetensors(pathFor("writer_reserved.safetensors"),
                                                                     {{"__metadata__", DType::F32, {1}, &value, 4}}));
    }

    void writerRejectsNegativeDimensions() {
        QVERIFY_THROWS_EXCEPTION(ms::Error, ms::io::writeSafetensors(pathFor("writer_negative.safetensors"),
                                                                     {{"w", DType::F32, {-1}, nullptr, 0}}));
    }

    // ---- one test per kind of broken file ------------------------------------------------

    void rejectsAMissingFile() { VERIFY_REJECTED(pathFor("does_not_exist.safetensors"), "file not found"); }

    void rejectsAFolder() { VERIFY_REJECTED(dir_.path().toStdString(), "is a folder, not a safetensors file"); }

    void rejectsAnUnreadableFile() {
        if (::geteuid() == 0) QSKIP("root reads files regardless of permissions");
        const std::string path = writeRaw("locked.safetensors", rawFile("{}", {}));
        QCOMPARE(::chmod(path.c_str(), 0), 0);
        VERIFY_REJECTED(path, "cannot open file (Permission denied)");
    }

    void rejectsAPathThroughAFile() {
        const std::string plainFile = writeRaw("plain.bin", {1});
        VERIFY_REJECTED(plainFile + "/model.safetensors", "cannot open file (Not a directory)");
    }

    void rejectsAFileShorterThanTheLengthField() {
        VERIFY_REJECTED(writeRaw("short.safetensors", {1, 2, 3, 4, 5}), "it is only 5 bytes long");
    }

    void rejectsAZeroHeaderLength() {
        VERIFY_REJECTED(writeRaw("zero_header.safetensors", rawFile("", zeros(16))), "header length is 0");
    }

    void rejectsAHeaderPastTheEndOfTheFile() {
        VERIFY_REJECTED(writeRaw("truncated_header.safetensors", rawFile(std::string(100, ' '), {}, 1234)),
                        "truncated file: header says 1234 bytes of header but the file has only 100 bytes "
                        "after the length field");
    }

    void rejectsAnAbsurdHeaderLength() {
        VERIFY_REJECTED(writeRaw("absurd_header.safetensors", rawFile("{}", {}, uint64_t(1) << 40)),
                        "more than the 100 MB");
    }

    void rejectsInvalidJson() {
        // The nlohmann message says where parsing stopped.
        const std::string path = writeRaw("bad_json.safetensors", rawFile(R"({"a": {"dtype": )", {}));
        VERIFY_REJECTED(path, "header is not valid JSON: ");
        VERIFY_REJECTED(path, "parse error");
    }

    void rejectsANumberTooLargeForJson() {
        VERIFY_REJECTED(writeSingleEntry("huge_number.safetensors", R"({"dtype":"F32","shape":[1e400],"data_offsets":[0,16]})"),
                        "header is not valid JSON: [json.exception.out_of_range.406] number overflow parsing '1e400'");
    }

    void rejectsAHeaderThatIsNotAnObject() {
        VERIFY_REJECTED(writeRaw("array_header.safetensors", rawFile("[1, 2, 3]", {})),
                        "header should be a JSON object mapping tensor names to their entries, but it is an array");
    }

    void rejectsADeeplyNestedHeaderWithoutCrashing() {
        const size_t depth = 200000;
        const std::string header = std::string(depth, '[') + std::string(depth, ']');
        VERIFY_REJECTED(writeRaw("nested_header.safetensors", rawFile(header, {})), "but it is an array");
    }

    void rejectsAnEntryThatIsNotAnObject() {
        VERIFY_REJECTED(writeSingleEntry("entry_string.safetensors", R"("F32")"),
                        "tensor 'a' should be an object with \"dtype\", \"shape\" and \"data_offsets\", but it is a string");
    }

    void rejectsAnEntryWithoutDType() {
        VERIFY_REJECTED(writeSingleEntry("no_dtype.safetensors", R"({"shape":[4],"data_offsets":[0,16]})"),
                        "tensor 'a' has no \"dtype\"");
    }

    void rejectsAnEntryWithoutShape() {
        VERIFY_REJECTED(writeSingleEntry("no_shape.safetensors", R"({"dtype":"F32","data_offsets":[0,16]})"),
                        "tensor 'a' has no \"shape\"");
    }

    void rejectsAnEntryWithoutDataOffsets() {
        VERIFY_REJECTED(writeSingleEntry("no_offsets.safetensors", R"({"dtype":"F32","shape":[4]})"),
                        "tensor 'a' has no \"data_offsets\"");
    }

    void rejectsFieldsOfTheWrongJsonType_data() {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("dtype is a number") << R"({"dtype":4,"shape":[4],"data_offsets":[0,16]})"
                                           << R"("dtype" that should be a string like "F32", but it is 4)";
        QTest::newRow("shape is a string") << R"({"dtype":"F32","shape":"4","data_offsets":[0,16]})"
                                           << R"("shape" that should be a list of integers, but it is "4")";
        QTest::newRow("shape holds a fraction") << R"({"dtype":"F32","shape":[4.0],"data_offsets":[0,16]})"
                                                << R"("shape" that should be a list of integers, but it is [4.0])";
        QTest::newRow("shape holds a list") << R"({"dtype":"F32","shape":[[4]],"data_offsets":[0,16]})"
                                            << R"("shape" that should be a list of integers, but it is a JSON array)";
        QTest::newRow("offsets are one number") << R"({"dtype":"F32","shape":[4],"data_offsets":16})"
                                                << R"("data_offsets" that should be two non-negative integers [begin, end], but it is 16)";
        QTest::newRow("three offsets") << R"({"dtype":"F32","shape":[4],"data_offsets":[0,8,16]})"
                                       << "but it is [0,8,16]";
        QTest::newRow("offsets are strings") << R"({"dtype":"F32","shape":[4],"data_offsets":["0","16"]})"
                                             << R"(but it is ["0","16"])";
        QTest::newRow("negative offset") << R"({"dtype":"F32","shape":[4],"data_offsets":[-16,0]})"
                                         << "but it is [-16,0]";
    }

    void rejectsFieldsOfTheWrongJsonType() {
        QFETCH(QString, entry);
        QFETCH(QString, phrase);
        const std::string path = writeSingleEntry(QString("wrong_type_%1.safetensors").arg(QTest::currentDataTag()).replace(' ', '_'),
                                                  entry.toStdString());
        VERIFY_REJECTED(path, "tensor 'a' has ");
        VERIFY_REJECTED(path, phrase.toStdString());
    }

    void rejectsAnUnknownDType() {
        VERIFY_REJECTED(writeSingleEntry("unknown_dtype.safetensors", R"({"dtype":"F8_E4M3","shape":[16],"data_offsets":[0,16]})"),
                        "tensor 'a' has dtype 'F8_E4M3', which is not supported (supported: F64, F32, F16, BF16, I64, "
                        "I32, I16, I8, U8, BOOL)");
    }

    void rejectsANegativeDimension() {
        VERIFY_REJECTED(writeSingleEntry("negative_dim.safetensors", R"({"dtype":"F32","shape":[2,-1],"data_offsets":[0,16]})"),
                        "tensor 'a' has a negative dimension in its shape [2, -1]");
    }

    void rejectsAnElementCountOverflow_data() {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("product past 2^64") << "[4294967296,4294967296,2]" << "with more elements than fit in 64 bits";
        QTest::newRow("product past 2^63") << "[4294967296,2147483648]" << "with more elements than fit in 64 bits";
        QTest::newRow("one dim past 2^63") << "[9223372036854775808]" << "with more elements than fit in 64 bits";
        QTest::newRow("bytes past 2^64") << "[4611686018427387904]" << "whose byte size does not fit in 64 bits";
    }

    void rejectsAnElementCountOverflow() {
        QFETCH(QString, shape);
        QFETCH(QString, phrase);
        const std::string entry = R"({"dtype":"F64","shape":)" + shape.toStdString() + R"(,"data_offsets":[0,16]})";
        VERIFY_REJECTED(writeSingleEntry(QString("overflow_%1.safetensors").arg(QTest::currentDataTag()).replace(' ', '_'), entry),
                        phrase.toStdString());
    }

    void rejectsOffsetsWhoseBeginIsAfterTheEnd() {
        VERIFY_REJECTED(writeSingleEntry("backwards.safetensors", R"({"dtype":"F32","shape":[1],"data_offsets":[8,4]})"),
                        "tensor 'a' has data_offsets [8, 4] whose begin is after its end");
    }

    void rejectsOffsetsPastTheEndOfTheData() {
        VERIFY_REJECTED(writeSingleEntry("truncated_data.safetensors", R"({"dtype":"F32","shape":[4],"data_offsets":[0,16]})", 8),
                        "truncated file: tensor 'a' ends at byte 16 of the data buffer, but the file holds only 8 bytes "
                        "of data after the header");
    }

    void rejectsAByteCountNotMatchingTheShape() {
        VERIFY_REJECTED(writeSingleEntry("size_mismatch.safetensors", R"({"dtype":"F32","shape":[2,2],"data_offsets":[0,12]})"),
                        "tensor 'a' has 12 bytes of data (data_offsets [0, 12]), but shape [2, 2] of F32 needs 16 bytes");
    }

    void rejectsOverlappingTensors() {
        const std::string header = R"({"first":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                                   R"("second":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})";
        VERIFY_REJECTED(writeRaw("overlap.safetensors", rawFile(header, zeros(24))),
                        "tensors 'first' and 'second' overlap: 'first' occupies bytes [0, 16) and 'second' bytes [8, 24)");
    }

    void rejectsMetadataThatIsNotStringToString_data() {
        QTest::addColumn<QString>("metadata");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("a list") << R"(["format","pt"])" << R"("__metadata__" should be an object of text values, but it is an array)";
        QTest::newRow("a string") << R"("pt")" << R"("__metadata__" should be an object of text values, but it is a string)";
        QTest::newRow("a number value") << R"({"epochs":3})" << R"("__metadata__" entry 'epochs' should be text, but it is a number)";
        QTest::newRow("an object value") << R"({"cfg":{"lr":1}})" << R"("__metadata__" entry 'cfg' should be text, but it is an object)";
    }

    void rejectsMetadataThatIsNotStringToString() {
        QFETCH(QString, metadata);
        QFETCH(QString, phrase);
        const std::string header = R"({"__metadata__":)" + metadata.toStdString() + "}";
        VERIFY_REJECTED(writeRaw(QString("metadata_%1.safetensors").arg(QTest::currentDataTag()).replace(' ', '_'),
                                 rawFile(header, {})),
                        phrase.toStdString());
    }
};

QTEST_APPLESS_MAIN(SafetensorsTest)
#include "test_safetensors.moc"
