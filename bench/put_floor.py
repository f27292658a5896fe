#!/usr/bin/env python3
# The floor of a first upload: N minimal VJOURNAL items PUT one after another
# over one kept-alive connection, timed per 250.
import sys, time, http.client, uuid, base64
port, path, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
auth = {'Authorization': 'Basic ' + base64.b64encode(b'bench:bench').decode()}
c = http.client.HTTPConnection('127.0.0.1', port)
t0 = time.time()
for k in range(n):
    u = str(uuid.uuid4())
    body = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VJOURNAL\r\nUID:{u}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\nDESCRIPTION:hi\r\nEND:VJOURNAL\r\nEND:VCALENDAR\r\n"
    c.request('PUT', f'{path}{u}.ics', body, {'Content-Type': 'text/calendar', 'If-None-Match': '*', **auth})
    r = c.getresponse(); r.read()
    assert r.status in (201, 204), r.status
print(f"{n} PUTs {time.time()-t0:.2f} s")
