// CLIP's tokenizer on a hand-made vocabulary whose token ids can be worked out by hand: the merge
// order, the end-of-word marker, the byte table (control characters, soft hyphen, accents),
// lower-casing, NFC, the pre-tokenisation pattern, truncation, and the files' error messages.
#include <QtTest>

#include "support/error_assertions.h"

#include "core/text/clip_tokenizer.h"

#include <string>
#include <vector>

using ms::text::ClipTokenizer;

namespace {

// ids: 0 start, 1 end; then letters, word-final letters and the merged symbols.
const char* kVocab =
    "{\"<|startoftext|>\": 0, \"<|endoftext|>\": 1, \"a\": 2, \"b\": 3, \"c\": 4, \"a</w>\": 5,"
    " \"b</w>\": 6, \"c</w>\": 7, \"ab\": 8, \"abc</w>\": 9, \".</w>\": 10, \"ca\": 11, \"t</w>\": 12,"
    " \"cat</w>\": 13, \"1</w>\": 14, \"2</w>\": 15, \"\\u0027\": 16, \"s</w>\": 17}";  // \u0027 is '
// Ranks: "a b" 0, "ab c</w>" 1, "c a" 2, "ca t</w>" 3.
const char* kMerges = "#version: 0.2\na b\nab c</w>\nc a\nca t</w>\n";

ClipTokenizer tokenizer() { return ClipTokenizer::fromContents(kVocab, kMerges, "vocab.json", "merges.txt"); }

using Pieces = std::vector<std::string>;
using Ids = std::vector<int>;

}  // namespace

class ClipTokenizerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mergesApplyInRankOrderAndMarkTheEndOfEachWord() {
        const auto t = tokenizer();
        // a b c</w> → (a b, rank 0) → ab c</w> → (ab c</w>, rank 1) → abc</w>.
        QCOMPARE(t.encode("abc"), (Ids{0, 9, 1}));
        // c a t</w> → ca t</w> → cat</w>; "ba" has no merge: b, a</w>.
        QCOMPARE(t.encode("cat ba"), (Ids{0, 13, 3, 5, 1}));
        // "c</w>" is not "c": the marker makes a word-final symbol different from an inner one.
        QCOMPARE(t.encode("c"), (Ids{0, 7, 1}));
        // "a b" does not apply to a, b</w>: c a b</w> → ca b</w>.
        QCOMPARE(t.pieces("cab"), (Pieces{"ca", "b</w>"}));
    }

    void textIsLowerCasedWhitespaceCleanedAndSplitIntoWords() {
        const auto t = tokenizer();
        QCOMPARE(t.encode("  ABC \t\n Cat. "), (Ids{0, 9, 13, 10, 1}));
        QCOMPARE(ClipTokenizer::cleanText("  Hello \t\n WORLD  "), std::string("hello world"));
        // Numbers split into single digits, punctuation runs into their own words, "\x27s" apart.
        QCOMPARE(t.encode("12"), (Ids{0, 14, 15, 1}));
        QCOMPARE(t.pieces("cat\x27s"), (Pieces{"cat</w>", "\x27", "s</w>"}));
        QCOMPARE(t.pieces("CAT\x27S"), (Pieces{"cat</w>", "\x27", "s</w>"}));
        QCOMPARE(t.pieces("a-b!?"), (Pieces{"a</w>", "-</w>", "b</w>", "!", "?</w>"}));
    }

    void bytesOutsidePrintableAsciiUseGpt2sByteTable() {
        const auto t = tokenizer();
        // é is C3 A9 in UTF-8: both bytes are printable Latin-1 and stand for themselves (Ã, ©).
        QCOMPARE(t.pieces("\xC3\xA9"), (Pieces{"\xC3\x83", "\xC2\xA9</w>"}));
        // NFC first: e + combining acute is the same word as é.
        QCOMPARE(t.pieces("e\xCC\x81"), t.pieces("\xC3\xA9"));
        // Byte 0x01 is the second non-printable byte: it becomes U+0101 (ā).
        QCOMPARE(t.pieces("\x01"), (Pieces{"\xC4\x81</w>"}));
        // The soft hyphen U+00AD is C2 AD; 0xAD is the 68th unprintable byte (33 + 34 + 1): U+0143 (Ń).
        QCOMPARE(t.pieces("\xC2\xAD"), (Pieces{"\xC3\x82", "\xC5\x83</w>"}));
        // Upper-case non-ASCII letters are lower-cased too: É → é.
        QCOMPARE(t.pieces("\xC3\x89"), t.pieces("\xC3\xA9"));
    }

    void longTextsAreCutSoThatTheEndTokenIsLast() {
        const auto t = tokenizer();
        QCOMPARE(t.encode("abc abc abc", 4), (Ids{0, 9, 9, 1}));
        QCOMPARE(t.encode("abc abc", 4), (Ids{0, 9, 9, 1}));
        QCOMPARE(t.encode("", 77), (Ids{0, 1}));
        const auto cut = t.encode(std::string(200, 'c'), 77);
        QCOMPARE(int(cut.size()), 77);
        QCOMPARE(cut.back(), 1);
        QCOMPARE(cut[75], 4);  // an inner "c": the word's own end was cut off
        QCOMPARE(t.startToken(), 0);
        QCOMPARE(t.endToken(), 1);
        QCOMPARE(t.vocabularySize(), 18);
    }

    void specialTokensInTheTextAreSpecialTokens() {
        const auto t = tokenizer();
        QCOMPARE(t.encode("abc<|endoftext|>"), (Ids{0, 9, 1, 1}));
    }

    void brokenFilesAreRefusedNamingTheFile() {
        VERIFY_ERROR(ClipTokenizer::fromContents("{\"a\": 0}", kMerges, "v.json", "m.txt"), "v.json",
                     "no '<|startoftext|>' token");
        VERIFY_ERROR(ClipTokenizer::fromContents("[1, 2]", kMerges, "v.json", "m.txt"), "v.json", "JSON object");
        VERIFY_ERROR(ClipTokenizer::fromContents("{\"a\": ", kMerges, "v.json", "m.txt"), "v.json", "not valid JSON");
        VERIFY_ERROR(ClipTokenizer::fromContents("{\"<|startoftext|>\": 0, \"<|endoftext|>\": -3}", kMerges, "v.json", "m.txt"),
                     "v.json", "non-negative integers");
        VERIFY_ERROR(ClipTokenizer::fromContents(kVocab, "#version: 0.2\na b\nab\n", "v.json", "m.txt"), "m.txt",
                     "line 3 is 'ab'");
        VERIFY_ERROR(ClipTokenizer::fromContents(kVocab, "a b c\n", "v.json", "m.txt"), "m.txt", "line 1");
        VERIFY_ERROR(ClipTokenizer::fromFiles("/nonexistent/vocab.json", "/nonexistent/merges.txt"),
                     "/nonexistent/vocab.json", "cannot read");
        // A piece the vocabulary lacks: "d" has no token.
        VERIFY_ERROR(tokenizer().encode("d"), "vocab.json", "has no token 'd</w>'");
    }
};

QTEST_APPLESS_MAIN(ClipTokenizerTest)
#include "test_clip_tokenizer.moc"
