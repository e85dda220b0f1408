// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/logging/Logging.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcRunsTest, "pv.runs.test")
Q_LOGGING_CATEGORY(lcQtNetworkTest, "qt.network.test")

constexpr int HelperLines = 150;

const QString Jwt = u"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsb2djYW5hcnkifQ.bG9nLXNpZ25hdHVyZS1jYW5hcnk"_s;
const QStringList JwtParts = {u"eyJzdWIiOiJsb2djYW5hcnkifQ"_s, u"bG9nLXNpZ25hdHVyZS1jYW5hcnk"_s};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

pv::logging::LogOptions optionsFor(const QString& dir, const QString& app = u"policyvault"_s)
{
    pv::logging::LogOptions o;
    o.appName = app;
    o.directory = dir;
    o.toStderr = false;
    return o;
}

} // namespace

class TestLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void qtWarningIsRedactedInFile();
    void lineFormat();
    void namedLoggersExist();
    void qtCategoriesMapToLoggers();
    void levelsFilter();
    void bracesAreNotFormatPlaceholders();
    void rotationKeepsEveryFileRedacted();
    void eachExecutableHasItsOwnFile();
    void initTwiceAndShutdown();
    void concurrentWritersKeepLinesWhole();
    void badDirectoryFailsButLogsToStderr();
    void twoProcessesWriteTwoFileSets();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLogging::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLogging::cleanup()
{
    pv::logging::shutdown();
    m_dir.reset();
}

void TestLogging::qtWarningIsRedactedInFile()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(pv::logging::init(optionsFor(m_dir->path())).ok());
    const QString file = pv::logging::logFilePath();
    QCOMPARE(file, QDir(m_dir->path()).filePath(u"policyvault.log"_s));

    qWarning().noquote() << u"GET https://graph.microsoft.com/beta/x failed MARKER-qw-1\r\nAuthorization: Bearer "_s +
                                Jwt + u"\r\nCookie: fpc=CookieCanary55"_s;
    qWarning("token in text %s MARKER-qw-2", qPrintable(Jwt));
    pv::logging::flush();

    const QByteArray content = readAll(file);
    QVERIFY2(content.contains("MARKER-qw-1"), content.constData());
    QVERIFY(content.contains("MARKER-qw-2"));
    QVERIFY(content.contains("Authorization: Bearer [redacted]"));
    for (const QString& part : JwtParts)
        QVERIFY2(!content.contains(part.toUtf8()), content.constData());
    QVERIFY(!content.contains("CookieCanary55"));
}

void TestLogging::lineFormat()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(pv::logging::init(optionsFor(m_dir->path())).ok());
    pv::log::info(pv::log::Db, u"format probe"_s);
    pv::logging::flush();
    const QString content = QString::fromUtf8(readAll(pv::logging::logFilePath()));
    // ISO 8601 with milliseconds and UTC offset, level, logger name.
    static const QRegularExpression line(
        uR"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d \d+ \[info\] \[db\] format probe$)"_s,
        QRegularExpression::MultilineOption);
    QVERIFY2(line.match(content).hasMatch(), qPrintable(content));
}

void TestLogging::namedLoggersExist()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(pv::logging::init(optionsFor(m_dir->path())).ok());
    const QStringList names = pv::logging::loggerNames();
    for (const QStringView expected :
         {pv::log::Graph, pv::log::Runs, pv::log::Db, pv::log::Secrets, pv::log::Ui, pv::log::App})
        QVERIFY2(names.contains(expected.toString()), qPrintable(names.join(u',')));

    for (const QStringView name :
         {pv::log::Graph, pv::log::Runs, pv::log::Db, pv::log::Secrets, pv::log::Ui, pv::log::App})
        pv::log::warn(name, u"hello from "_s + name + u" client_secret=NamedCanary1"_s);
    pv::logging::flush();
    const QByteArray content = readAll(pv::logging::logFilePath());
    for (const char* tag : {"[graph] hello from graph", "[runs] hello from runs", "[db] hello from db",
                            "[secrets] hello from secrets", "[ui] hello from ui", "[app] hello from app"})
        QVERIFY2(content.contains(tag), tag);
    QVERIFY(!content.contains("NamedCanary1"));
}

void TestLogging::qtCategoriesMapToLoggers()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(pv::logging::init(optionsFor(m_dir->path())).ok());
    qCWarning(lcRunsTest) << "category message refresh_token=CatCanary2";
    qCWarning(lcQtNetworkTest) << "qt category message";
    qCritical() << "critical message";
    pv::logging::flush();
    const QByteArray content = readAll(pv::logging::logFilePath());
    QVERIFY2(content.contains("[warning] [runs] category message refresh_token=[redacted]"), content.constData());
    QVERIFY(content.contains("[warning] [app] [qt.network.test] qt category message"));
    QVERIFY(content.contains("[error] [app] critical message"));
    QVERIFY(content.contains(" (tst_logging.cpp:")); // warnings carry file:line, without folders
    QVERIFY(!content.contains("CatCanary2"));
}

void TestLogging::levelsFilter()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(pv::logging::init(optionsFor(m_dir->path())).ok());
    QVERIFY(!pv::log::isEnabled(pv::logging::Level::Debug));
    pv::log::debug(pv::log::App, u"hidden debug line"_s);
    pv::logging::setLevel(pv::logging::Level::Debug);
    QVERIFY(pv::log::isEnabled(pv::logging::Level::Debug));
    pv::log::debug(pv::log::App, u"visible debug line"_s);
    pv::logging::flush();
    const QByteArray content = readAll(pv::logging::logFilePath());
    QVERIFY(!content.contains("hidden debug line"));
    QVERIFY(content.contains("visible debug line"));
}

void TestLogging::bracesAreNotFormatPlaceholders()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(pv::logging::init(optionsFor(m_dir->path())).ok());
    pv::log::info(pv::log::App, u"json {\"a\":{}} and {0} {:>5} %s ünïcødé"_s);
    pv::logging::flush();
    const QString content = QString::fromUtf8(readAll(pv::logging::logFilePath()));
    QVERIFY2(content.contains(u"json {\"a\":{}} and {0} {:>5} %s ünïcødé"_s), qPrintable(content));
}

void TestLogging::rotationKeepsEveryFileRedacted()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto options = optionsFor(m_dir->path());
    options.maxFileSize = 2048;
    options.maxFiles = 3;
    QVERIFY(pv::logging::init(options).ok());
    for (int i = 0; i < 200; ++i) {
        pv::log::info(pv::log::Graph, u"line %1 MARKER-rot POST /token client_secret=RotCanary%1&scope=x "
                                      "Authorization: Bearer "_s.arg(i) +
                                          Jwt);
    }
    pv::logging::flush();

    const QStringList files = pv::logging::logFiles();
    QCOMPARE(files.size(), 4); // current + 3 rotated
    const QStringList onDisk = QDir(m_dir->path()).entryList({u"policyvault*.log"_s}, QDir::Files);
    QCOMPARE(onDisk.size(), 4);
    QVERIFY(onDisk.contains(u"policyvault.3.log"_s));
    for (const QString& file : files) {
        const QByteArray content = readAll(file);
        QVERIFY2(content.size() > 0 && content.size() <= 2048, qPrintable(file));
        QVERIFY2(content.contains("MARKER-rot"), qPrintable(file));
        QVERIFY2(!content.contains("RotCanary"), qPrintable(file));
        for (const QString& part : JwtParts)
            QVERIFY2(!content.contains(part.toUtf8()), qPrintable(file));
    }
}

void TestLogging::eachExecutableHasItsOwnFile()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(pv::logging::init(optionsFor(m_dir->path(), u"policyvault"_s)).ok());
    pv::log::info(pv::log::App, u"from the gui"_s);
    QVERIFY(pv::logging::init(optionsFor(m_dir->path(), u"policyvault-cli"_s)).ok());
    pv::log::info(pv::log::App, u"from the cli"_s);
    pv::logging::flush();

    const QByteArray gui = readAll(m_dir->filePath(u"policyvault.log"_s));
    const QByteArray cli = readAll(m_dir->filePath(u"policyvault-cli.log"_s));
    QVERIFY(gui.contains("from the gui"));
    QVERIFY(!gui.contains("from the cli"));
    QVERIFY(cli.contains("from the cli"));
    QVERIFY(!cli.contains("from the gui"));
}

void TestLogging::initTwiceAndShutdown()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(pv::logging::init(optionsFor(m_dir->path())).ok());
    QVERIFY(pv::logging::init(optionsFor(m_dir->path())).ok());
    qWarning("after second init");
    pv::log::info(pv::log::Ui, u"ui line"_s);
    pv::logging::flush();
    QByteArray content = readAll(pv::logging::logFilePath());
    QCOMPARE(content.count("after second init"), 1); // one handler, not two
    QVERIFY(content.contains("ui line"));

    const QString file = pv::logging::logFilePath();
    pv::logging::shutdown();
    QVERIFY(pv::logging::logFilePath().isEmpty());
    pv::log::info(pv::log::Ui, u"after shutdown: stderr only"_s);
    QVERIFY(!readAll(file).contains("after shutdown"));
}

void TestLogging::concurrentWritersKeepLinesWhole()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto options = optionsFor(m_dir->path());
    options.maxFileSize = 64 * 1024;
    options.maxFiles = 2;
    QVERIFY(pv::logging::init(options).ok());
    constexpr int Threads = 4;
    constexpr int Lines = 250;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back(QThread::create([t] {
            for (int i = 0; i < Lines; ++i)
                pv::log::info(pv::log::Runs, u"thread %1 line %2 access_token=ThrCanary end"_s.arg(t).arg(i));
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        QVERIFY(thread->wait(30000));
    pv::logging::flush();

    int lines = 0;
    for (const QString& file : pv::logging::logFiles()) {
        const QByteArray content = readAll(file);
        QVERIFY(!content.contains("ThrCanary"));
        for (const QByteArray& line : content.split('\n')) {
            if (line.isEmpty())
                continue;
            QVERIFY2(line.endsWith("access_token=[redacted] end"), line.constData());
            ++lines;
        }
    }
    QVERIFY(lines > 0);
    QVERIFY(lines <= Threads * Lines);
}

void TestLogging::badDirectoryFailsButLogsToStderr()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString blocker = m_dir->filePath(u"not-a-dir"_s);
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const pv::Status status = pv::logging::init(optionsFor(blocker + u"/logs"_s));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, pv::ErrorCode::Io);
    QVERIFY(pv::logging::logFilePath().isEmpty());
    pv::log::info(pv::log::App, u"still works"_s); // no sink at all: dropped, must not crash
    qWarning("still handled");
}

void TestLogging::twoProcessesWriteTwoFileSets()
{
    // The GUI and the CLI run side by side: each rotates its own files, so neither can rename
    // a file under the other (spdlog's rotation is not safe across processes).
    m_dir = std::make_unique<QTemporaryDir>();
    std::vector<std::unique_ptr<QProcess>> helpers;
    for (const QString& app : {u"policyvault"_s, u"policyvault-cli"_s}) {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PV_LOGGING_HELPER_APP"_s, app);
        env.insert(u"PV_LOGGING_HELPER_DIR"_s, m_dir->path());
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::ForwardedChannels);
        p->start(QCoreApplication::applicationFilePath(), {});
        helpers.push_back(std::move(p));
    }
    for (auto& p : helpers) {
        QVERIFY(p->waitForFinished(30000));
        QCOMPARE(p->exitCode(), 0);
    }

    static const QRegularExpression fileName(uR"(^(policyvault|policyvault-cli)(\.\d+)?\.log$)"_s);
    QMap<QString, int> lines;
    int files = 0;
    for (const QString& name : QDir(m_dir->path()).entryList(QDir::Files)) {
        const QRegularExpressionMatch m = fileName.match(name);
        QVERIFY2(m.hasMatch(), qPrintable(name));
        ++files;
        const QString app = m.captured(1);
        const QByteArray content = readAll(m_dir->filePath(name));
        QVERIFY(!content.contains("HelperCanary"));
        for (const QByteArray& line : content.split('\n')) {
            if (line.isEmpty())
                continue;
            QVERIFY2(line.contains(QByteArray(" helper " + app.toUtf8() + " line ")), line.constData());
            ++lines[app];
        }
    }
    QVERIFY(files > 2); // both rotated
    QCOMPARE(lines.value(u"policyvault"_s), HelperLines * 2);
    QCOMPARE(lines.value(u"policyvault-cli"_s), HelperLines * 2);
}

// The test binary doubles as the second process of twoProcessesWriteTwoFileSets().
int runLoggingHelper(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    pv::logging::LogOptions o;
    o.appName = qEnvironmentVariable("PV_LOGGING_HELPER_APP");
    o.directory = qEnvironmentVariable("PV_LOGGING_HELPER_DIR");
    o.toStderr = false;
    o.maxFileSize = 8192;
    o.maxFiles = 100;
    if (!pv::logging::init(o))
        return 2;
    for (int i = 0; i < HelperLines; ++i) {
        pv::log::info(pv::log::App, u"helper %1 line %2 client_secret=HelperCanary%2"_s.arg(o.appName).arg(i));
        qWarning("helper %s line %d Authorization: Bearer HelperCanaryToken%d", qPrintable(o.appName), i, i);
    }
    pv::logging::shutdown();
    return 0;
}

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsSet("PV_LOGGING_HELPER_APP"))
        return runLoggingHelper(argc, argv);
    QCoreApplication app(argc, argv);
    TestLogging test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_logging.moc"
