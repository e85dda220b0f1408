// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// RetryPolicy against GRAPH_NOTES §4.4/§4.5: which statuses are retried, Retry-After in its
// integer and fractional forms (the doc sample is "2.128"), backoff when it is missing.
#include "core/graph/RetryPolicy.h"

#include <QTest>

using namespace std::chrono_literals;
using pv::graph::AttemptOutcome;
using pv::graph::RetryDecision;
using pv::graph::RetryOptions;
using pv::graph::RetryPolicy;


class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void parseRetryAfter_data();
    void parseRetryAfter();
    void statusDecides_data();
    void statusDecides();
    void retryAfterIsHonoured();
    void backoffDoublesUpToTheCapWithJitterThatNeverShrinks();
    void attemptsAreBounded();
    void tooLongRetryAfterIsNotWaitedFor();
};

void TestRetryPolicy::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs"); // -1: not a usable value
    QTest::addRow("integer") << QByteArray("10") << qint64(10000);
    QTest::addRow("one") << QByteArray("1") << qint64(1000);
    QTest::addRow("zero") << QByteArray("0") << qint64(0);
    QTest::addRow("doc sample fractional") << QByteArray("2.128") << qint64(2128);
    QTest::addRow("fraction rounds up") << QByteArray("0.0001") << qint64(1);
    QTest::addRow("half") << QByteArray("0.5") << qint64(500);
    QTest::addRow("spaces") << QByteArray(" 3 ") << qint64(3000);
    QTest::addRow("empty") << QByteArray("") << qint64(-1);
    QTest::addRow("negative") << QByteArray("-1") << qint64(-1);
    QTest::addRow("http date") << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << qint64(-1);
    QTest::addRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::addRow("two dots") << QByteArray("1.2.3") << qint64(-1);
    QTest::addRow("trailing dot") << QByteArray("1.") << qint64(-1);
    QTest::addRow("exponent") << QByteArray("1e3") << qint64(-1);
}

void TestRetryPolicy::parseRetryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);
    const auto parsed = RetryPolicy::parseRetryAfter(header);
    if (expectedMs < 0) {
        QVERIFY(!parsed.has_value());
    } else {
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->count(), expectedMs);
    }
}

void TestRetryPolicy::statusDecides_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("transport");
    QTest::addColumn<bool>("retried");
    // IntuneCD retries [429, 502, 503, 504] (§4.5 [O]); 4xx and 500 are final.
    QTest::addRow("429") << 429 << false << true;
    QTest::addRow("502") << 502 << false << true;
    QTest::addRow("503") << 503 << false << true;
    QTest::addRow("504") << 504 << false << true;
    QTest::addRow("transport") << 0 << true << true;
    QTest::addRow("truncated 200") << 200 << true << true;
    QTest::addRow("200") << 200 << false << false;
    QTest::addRow("400") << 400 << false << false;
    QTest::addRow("401") << 401 << false << false;
    QTest::addRow("403") << 403 << false << false;
    QTest::addRow("404") << 404 << false << false;
    QTest::addRow("409") << 409 << false << false;
    QTest::addRow("500") << 500 << false << false;
    QTest::addRow("424") << 424 << false << false;
}

void TestRetryPolicy::statusDecides()
{
    QFETCH(int, status);
    QFETCH(bool, transport);
    QFETCH(bool, retried);
    const RetryPolicy policy;
    AttemptOutcome outcome;
    outcome.status = status;
    outcome.transportFailure = transport;
    const RetryDecision decision = policy.decide(outcome, 1, 0.5);
    QCOMPARE(decision.retry, retried);
    if (retried) {
        QVERIFY(!decision.fromRetryAfter);
        QVERIFY(decision.delay >= policy.options().baseDelay);
    }
    // A Retry-After on a final status does not make it retryable: the status decides.
    outcome.retryAfter = 1000ms;
    QCOMPARE(policy.decide(outcome, 1, 0.5).retry, retried);
}

void TestRetryPolicy::retryAfterIsHonoured()
{
    const RetryPolicy policy;
    for (int status : {429, 503, 504, 502}) {
        AttemptOutcome outcome;
        outcome.status = status;
        outcome.retryAfter = RetryPolicy::parseRetryAfter("2.128");
        const RetryDecision decision = policy.decide(outcome, 3, 0.99);
        QVERIFY(decision.retry);
        QVERIFY(decision.fromRetryAfter);
        QCOMPARE(decision.delay, 2128ms); // exactly the server's wait: no jitter, no backoff
    }
}

void TestRetryPolicy::backoffDoublesUpToTheCapWithJitterThatNeverShrinks()
{
    RetryOptions options;
    options.baseDelay = 1000ms;
    options.maxDelay = 8000ms;
    options.jitter = 0.5;
    const RetryPolicy policy(options);
    QCOMPARE(policy.backoff(1, 0.0), 1000ms);
    QCOMPARE(policy.backoff(2, 0.0), 2000ms);
    QCOMPARE(policy.backoff(3, 0.0), 4000ms);
    QCOMPARE(policy.backoff(4, 0.0), 8000ms);
    QCOMPARE(policy.backoff(5, 0.0), 8000ms);   // capped
    QCOMPARE(policy.backoff(60, 0.0), 8000ms);  // no overflow
    QCOMPARE(policy.backoff(1, 0.999), 1500ms); // jitter grows it by up to 50 %
    QCOMPARE(policy.backoff(5, 1.0), 12000ms);
    // Missing Retry-After on a 429: backoff from the policy.
    AttemptOutcome outcome;
    outcome.status = 429;
    QCOMPARE(policy.decide(outcome, 2, 0.0).delay, 2000ms);
    QVERIFY(!policy.decide(outcome, 2, 0.0).fromRetryAfter);
}

void TestRetryPolicy::attemptsAreBounded()
{
    RetryOptions options;
    options.maxAttempts = 3;
    const RetryPolicy policy(options);
    AttemptOutcome outcome;
    outcome.status = 503;
    QVERIFY(policy.decide(outcome, 1, 0).retry);
    QVERIFY(policy.decide(outcome, 2, 0).retry);
    QVERIFY(!policy.decide(outcome, 3, 0).retry);
}

void TestRetryPolicy::tooLongRetryAfterIsNotWaitedFor()
{
    RetryOptions options;
    options.maxRetryAfter = 60000ms;
    const RetryPolicy policy(options);
    AttemptOutcome outcome;
    outcome.status = 429;
    outcome.retryAfter = 60000ms;
    QVERIFY(policy.decide(outcome, 1, 0).retry);
    outcome.retryAfter = 60001ms;
    QVERIFY(!policy.decide(outcome, 1, 0).retry);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_graph_retrypolicy.moc"
