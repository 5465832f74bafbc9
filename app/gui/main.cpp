// mergescope: the desktop app. Opens the pool given on the command line, else the demo zoo.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include "core/pool/pool_manifest.h"
#include "core/run/threads.h"
#include "ui/main_window.h"

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
    parser.process(app);
    ms::setThreadCount(parser.value(threads).toInt());

    ms::ui::MainWindow window;
    window.show();
    const QString pool = parser.positionalArguments().value(
        0, QString::fromStdString(ms::pool::defaultZooFolder()));
    if (QFileInfo::exists(pool)) window.openPool(pool);
    return app.exec();
}
