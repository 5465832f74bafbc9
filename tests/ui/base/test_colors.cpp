// The shared colour rules of ui/base/colors.h: viridis, the RdBu diverging scale, their
// QCustomPlot gradients, and black-or-white text by WCAG contrast.
#include <QtTest>

#include <cmath>

#include "ui/base/colors.h"
#include "ui/base/qcustomplot_include.h"

using namespace ms::ui;

namespace {

QColor gradientColor(QCPColorGradient gradient, double value, double lower, double upper) {
    return QColor::fromRgba(gradient.color(value, QCPRange(lower, upper), false));
}

bool near(const QColor& a, const QColor& b, int tolerance = 1) {
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

}  // namespace

class TestColors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void viridisEndpoints() {
        QCOMPARE(viridis(0.0), QColor(0x44, 0x01, 0x54));  // dark purple
        QCOMPARE(viridis(1.0), QColor(0xFD, 0xE7, 0x25));  // yellow
        QCOMPARE(viridis(0.5), QColor(0x21, 0x91, 0x8C));  // teal, a sample point
        // Clamped outside [0, 1]; NaN is a neutral grey, not an end colour.
        QCOMPARE(viridis(-3.0), viridis(0.0));
        QCOMPARE(viridis(7.0), viridis(1.0));
        QCOMPARE(viridis(std::nan("")), QColor(Qt::lightGray));
    }

    void viridisGetsLighter() {
        double previous = -1.0;
        for (int i = 0; i <= 20; ++i) {
            const double l = relativeLuminance(viridis(i / 20.0));
            QVERIFY2(l > previous, qPrintable(QStringLiteral("at %1").arg(i / 20.0)));
            previous = l;
        }
    }

    void divergingIsWhiteAtItsCentre() {
        const QColor centre = diverging(0.0);
        QCOMPARE(centre, QColor(0xF7, 0xF7, 0xF7));
        QVERIFY(centre.red() == centre.green() && centre.green() == centre.blue());  // no hue
        QVERIFY(relativeLuminance(centre) > 0.9);
        QCOMPARE(diverging(-1.0), divergingBlue());
        QCOMPARE(diverging(1.0), divergingRed());
        QCOMPARE(divergingBlue(), QColor(0x21, 0x66, 0xAC));
        QCOMPARE(divergingRed(), QColor(0xB2, 0x18, 0x2B));
        QCOMPARE(diverging(-5.0), divergingBlue());
        QCOMPARE(diverging(5.0), divergingRed());
        // Below the centre is bluish, above it reddish.
        QVERIFY(diverging(-0.5).blue() > diverging(-0.5).red());
        QVERIFY(diverging(0.5).red() > diverging(0.5).blue());
    }

    void gradientsMatchTheColourFunctions() {
        QCOMPARE(gradientColor(viridisGradient(), 0.0, 0.0, 1.0), viridis(0.0));
        QCOMPARE(gradientColor(viridisGradient(), 1.0, 0.0, 1.0), viridis(1.0));
        QVERIFY(near(gradientColor(viridisGradient(), 0.3, 0.0, 1.0), viridis(0.3), 2));
        // A range centred at 0: its middle is exactly the diverging centre (odd level count).
        QCOMPARE(gradientColor(divergingGradient(), 0.0, -1.0, 1.0), diverging(0.0));
        QCOMPARE(gradientColor(divergingGradient(), -1.0, -1.0, 1.0), divergingBlue());
        QCOMPARE(gradientColor(divergingGradient(), 1.0, -1.0, 1.0), divergingRed());
        QVERIFY(near(gradientColor(divergingGradient(), 0.35, -1.0, 1.0), diverging(0.35), 2));
        // NaN cells are grey in both.
        const QColor nan = gradientColor(divergingGradient(), std::nan(""), -1.0, 1.0);
        QVERIFY(nan.red() == nan.green() && nan.green() == nan.blue());
    }

    void readableTextColour() {
        QCOMPARE(readableTextColor(Qt::black), QColor(Qt::white));
        QCOMPARE(readableTextColor(Qt::white), QColor(Qt::black));
        QCOMPARE(readableTextColor(QColor(Qt::yellow)), QColor(Qt::black));
        QCOMPARE(readableTextColor(QColor(0xFD, 0xE7, 0x25)), QColor(Qt::black));  // viridis' yellow end
        QCOMPARE(readableTextColor(QColor(0x00, 0x00, 0x80)), QColor(Qt::white));  // navy
        QCOMPARE(readableTextColor(divergingBlue()), QColor(Qt::white));
        QCOMPARE(readableTextColor(viridis(0.0)), QColor(Qt::white));
        QCOMPARE(readableTextColor(diverging(0.0)), QColor(Qt::black));
        QCOMPARE(readableTextColor(QColor()), QColor(Qt::black));  // invalid: the default ink
        // The choice is the one with the larger contrast.
        for (const QColor& background : {QColor(0x80, 0x80, 0x80), QColor(0x76, 0x76, 0x76), QColor(0xE6, 0x9F, 0x00)}) {
            const QColor text = readableTextColor(background);
            const QColor other = text == QColor(Qt::black) ? QColor(Qt::white) : QColor(Qt::black);
            QVERIFY(contrastRatio(text, background) >= contrastRatio(other, background));
        }
    }

    void contrastAndLuminance() {
        QCOMPARE(relativeLuminance(Qt::black), 0.0);
        QCOMPARE(relativeLuminance(Qt::white), 1.0);
        QVERIFY(std::abs(contrastRatio(Qt::black, Qt::white) - 21.0) < 1e-9);
        QCOMPARE(contrastRatio(Qt::white, Qt::black), contrastRatio(Qt::black, Qt::white));  // symmetric
        QCOMPARE(contrastRatio(Qt::red, Qt::red), 1.0);
    }

    void mixing() {
        QCOMPARE(mixColors(Qt::white, Qt::black, 0.0), QColor(Qt::white));
        QCOMPARE(mixColors(Qt::white, Qt::black, 1.0), QColor(Qt::black));
        QVERIFY(near(mixColors(Qt::white, Qt::black, 0.5), QColor(128, 128, 128)));
    }
};

QTEST_MAIN(TestColors)
#include "test_colors.moc"
