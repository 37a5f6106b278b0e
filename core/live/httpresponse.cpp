#include "httpresponse.h"

#include "eventjson.h"

namespace Apprentice {

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

QByteArray HttpResponse::serialize(bool keepAlive, int minorVersion) const
{
    const bool persistent = keepAlive && !close;
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!body.isEmpty() || status != 204)
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    if (!persistent)
        out += "Connection: close\r\n";
    else if (minorVersion == 0)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    out += body;
    return out;
}

HttpResponse HttpResponse::rpcStatus(int httpStatus, int rpcCode, const QString &message)
{
    HttpResponse r;
    r.status = httpStatus;
    r.logMessage = message;
    r.body = "{\"code\":" + QByteArray::number(rpcCode) + ",\"message\":" + jsonString(message) + ",\"details\":[]}";
    return r;
}

} // namespace Apprentice
