// mergescope: the desktop app. Opens the pool given on the command line, else the demo zoo.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include "core/pool/pool_manifest.h"
#include "core/run/threads.h"
#include "ui/main_window.h"
#include "ui/screenshot_session.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("MergeScope"));
    QApplication::setApplicationVersion(QStringLiteral(MERGESCOPE_VERSION));
    QApplication::setOrganizationName(QStringLiteral("MergeScope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A desktop lab for merging vision transformers."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("pool"),
                                 QStringLiteral("A pool manifest or its folder (default: the demo zoo)."));
    QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Compute threads (0 = all cores)."),
                               QStringLiteral("N"), QStringLiteral("0"));
    parser.addOption(threads);
    QCommandLineOption noTour(QStringLiteral("no-tour"), QStringLiteral("Do not start the guided tour on first use."));
    parser.addOption(noTour);
    QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                   QStringLiteral("Run a short demo session, write a PNG of every view to DIR, quit."),
                                   QStringLiteral("DIR"));
    parser.addOption(screenshots);
    QCommandLineOption screenshotSteps(QStringLiteral("screenshot-wemoe-steps"),
                                       QStringLiteral("Adaptation steps of WEMoE in the screenshot session."),
                                       QStringLiteral("N"), QStringLiteral("300"));
    parser.addOption(screenshotSteps);
    parser.process(app);
    ms::setThreadCount(parser.value(threads).toInt());
    if (parser.isSet(noTour) || parser.isSet(screenshots)) qputenv("MERGESCOPE_NO_TOUR", "1");

    ms::ui::MainWindow window;
    window.show();
    const QString pool = parser.positionalArguments().value(
        0, QString::fromStdString(ms::pool::defaultZooFolder()));
    if (QFileInfo::exists(pool)) window.openPool(pool);
    if (parser.isSet(screenshots)) {
        auto* session = new ms::ui::ScreenshotSession(&window, parser.value(screenshots),
                                                      parser.value(screenshotSteps).toInt());
        QObject::connect(session, &ms::ui::ScreenshotSession::finished, &app,
                         [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
        session->start();
    }
    return app.exec();
}
