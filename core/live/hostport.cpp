#include "hostport.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

bool parseListenAddress(const QString &text, quint16 defaultPort, QHostAddress &address, quint16 &port, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QString t = text.trimmed();
    QString host;
    QString portText;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0)
            return fail(u"'%1': missing ']' after the IPv6 address"_s.arg(t));
        host = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return fail(u"'%1': expected ':PORT' after ']'"_s.arg(t));
            portText = rest.mid(1);
        }
    } else if (t.count(u':') == 1) {
        const qsizetype colon = t.indexOf(u':');
        host = t.left(colon);
        portText = t.mid(colon + 1);
    } else {
        host = t; // a bare IPv6 literal has several colons and no port
    }

    port = defaultPort;
    if (!portText.isEmpty() || t.endsWith(u':')) {
        bool ok = false;
        const uint p = portText.toUInt(&ok);
        if (!ok || p > 65535)
            return fail(u"'%1': the port must be a number from 0 to 65535"_s.arg(t));
        port = quint16(p);
    }
    if (host.isEmpty() || host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0) {
        address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    if (!address.setAddress(host))
        return fail(u"'%1': not an IP address (name a local address such as 127.0.0.1, ::1 or 0.0.0.0)"_s.arg(host));
    return true;
}

QString formatHostPort(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u"[%1]:%2"_s.arg(address.toString()).arg(port);
    return u"%1:%2"_s.arg(address.toString()).arg(port);
}

} // namespace Apprentice
