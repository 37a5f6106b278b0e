#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unordered_map>

/// The console renders every page with data (`apprentice --screenshot`), and none is blank.
class TestConsoleScreenshots : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QProcessEnvironment environment(const QString &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), home);
        return env;
    }

    /// Share of the most common colour, and the number of distinct colours (sampled on a grid).
    static std::pair<double, int> colourSpread(const QImage &image)
    {
        std::unordered_map<QRgb, int> counts;
        int samples = 0;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3) {
                ++counts[image.pixel(x, y)];
                ++samples;
            }
        int top = 0;
        for (const auto &[c, n] : counts)
            top = std::max(top, n);
        return {double(top) / samples, int(counts.size())};
    }

private slots:
    void everyPageRendersWithContent_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("English") << QStringLiteral("en");
        QTest::newRow("Ukrainian, dark") << QStringLiteral("uk");
    }
    void everyPageRendersWithContent()
    {
        QFETCH(QString, language);
        const QString shot = m_dir.filePath(QStringLiteral("shot-%1.png").arg(language));
        QProcess p;
        p.setProcessEnvironment(environment(m_dir.path()));
        QStringList args{QStringLiteral("--settings"), m_dir.filePath(QStringLiteral("s.ini")), QStringLiteral("--screenshot"),
                         shot, QStringLiteral("--page"), QStringLiteral("all"), QStringLiteral("--lang"), language,
                         QStringLiteral("--demo"), QStringLiteral("api_slowdown")};
        if (language == u"uk")
            args << QStringLiteral("--theme") << QStringLiteral("dark");
        p.start(QStringLiteral(APPRENTICE_GUI), args);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QStringList written = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        const QStringList pages{QStringLiteral("workflows"), QStringLiteral("stream"), QStringLiteral("distributions"),
                                QStringLiteral("drift"), QStringLiteral("economics"), QStringLiteral("trends"),
                                QStringLiteral("mutations"), QStringLiteral("versions"), QStringLiteral("capacity"),
                                QStringLiteral("connections")};
        QCOMPARE(written.size(), pages.size());
        for (const QString &page : pages) {
            const QString path = m_dir.filePath(QStringLiteral("shot-%1-%2.png").arg(language, page));
            QVERIFY2(written.contains(path), qPrintable(path));
            const QImage image(path);
            QVERIFY2(!image.isNull(), qPrintable(path));
            QVERIFY(image.width() >= 1200 && image.height() >= 700);
            const auto [topShare, colours] = colourSpread(image);
            QVERIFY2(topShare < 0.9, qPrintable(QStringLiteral("%1: %2 of the picture is one colour").arg(page).arg(topShare)));
            QVERIFY2(colours > 40, qPrintable(QStringLiteral("%1: only %2 colours").arg(page).arg(colours)));
        }
    }

    void unknownPageOrScenarioIsAUsageError()
    {
        QProcess p;
        p.setProcessEnvironment(environment(m_dir.path()));
        p.start(QStringLiteral(APPRENTICE_GUI), {QStringLiteral("--settings"), m_dir.filePath(QStringLiteral("s.ini")),
                                                QStringLiteral("--demo"), QStringLiteral("no_such_scenario")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("unknown scenario"));
    }
};

QTEST_MAIN(TestConsoleScreenshots)
#include "tst_console_screenshots.moc"
