// EasyQuant admin page: asks once for a token (kept in sessionStorage), then polls the API every second.
// No framework, no build step. Every value from the server is written with textContent, never as HTML.
'use strict';

(function () {
    const TOKEN_KEY = 'easyquant.adminToken';
    const POLL_MS = 1000;
    const READS = ['/api/v1/status', '/api/v1/processes', '/api/v1/positions', '/api/v1/orders', '/api/v1/latency',
        '/api/v1/risk'];
    const EVENTS = '/api/v1/events?limit=25';
    const EVENTS_WITHOUT_TICKS = EVENTS + '&type=trade,quote,bar,execution_report,admin_command,signal,order_intent,' +
        'risk_decision,order,cancel';

    let token = sessionStorage.getItem(TOKEN_KEY);
    let role = null;
    let tradingState = null;
    let reachable = false;
    let lastContact = null;
    let polling = false;
    let pollTimer = null;
    let pendingAction = null;

    const $ = (id) => document.getElementById(id);

    // ---- formatting ------------------------------------------------------------------------------------------

    const qtyFormat = new Intl.NumberFormat('en-US', {maximumFractionDigits: 8});
    const priceFormat = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 8});
    const moneyFormat = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
    const countFormat = new Intl.NumberFormat('en-US');

    const dash = '—';
    const qty = (x) => x === null || x === undefined ? dash : qtyFormat.format(x);
    const price = (x) => x === null || x === undefined ? dash : priceFormat.format(x);
    const money = (x) => x === null || x === undefined ? dash : moneyFormat.format(x);
    const count = (x) => x === null || x === undefined ? dash : countFormat.format(x);
    const sign = (x) => (x > 0 ? 'pos' : x < 0 ? 'neg' : '');

    function micros(x) {
        if (x === null || x === undefined) {
            return dash;
        }
        return x < 1000 ? x.toFixed(1) + ' µs' : (x / 1000).toFixed(2) + ' ms';
    }

    function age(ms) {
        if (ms === null || ms === undefined) {
            return dash;
        }
        return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
    }

    function utcTime(iso) {
        if (!iso) {
            return dash;
        }
        const t = iso.indexOf('T');
        return t < 0 ? iso : iso.substring(t + 1, Math.min(iso.length, t + 13)) + 'Z';
    }

    function duration(seconds) {
        const h = Math.floor(seconds / 3600);
        const m = Math.floor((seconds % 3600) / 60);
        const s = seconds % 60;
        const two = (n) => String(n).padStart(2, '0');
        return h > 0 ? h + ' h ' + two(m) + ' m ' + two(s) + ' s' : m > 0 ? m + ' m ' + two(s) + ' s' : s + ' s';
    }

    function clock(date) {
        return date.toISOString().substring(11, 19) + 'Z';
    }

    // ---- DOM helpers -----------------------------------------------------------------------------------------

    function cell(text, className) {
        const td = document.createElement('td');
        td.textContent = text;
        if (className) {
            td.className = className;
        }
        return td;
    }

    function fill(tbodyId, rows, columns, emptyText) {
        const tbody = $(tbodyId);
        tbody.replaceChildren();
        if (rows.length === 0) {
            const tr = document.createElement('tr');
            const td = cell(emptyText, 'empty');
            td.colSpan = columns;
            tr.appendChild(td);
            tbody.appendChild(tr);
            return;
        }
        for (const cells of rows) {
            const tr = document.createElement('tr');
            for (const c of cells) {
                tr.appendChild(c);
            }
            tbody.appendChild(tr);
        }
    }

    function showAlert(text, kind) {
        const alert = $('alert');
        alert.textContent = text;
        alert.className = 'alert' + (kind ? ' ' + kind : '');
        alert.hidden = !text;
    }

    let noticeTimer = null;

    function showNotice(text) {
        const notice = $('notice');
        notice.textContent = text;
        notice.hidden = false;
        if (noticeTimer !== null) {
            clearTimeout(noticeTimer);
        }
        noticeTimer = setTimeout(() => {
            notice.hidden = true;
        }, 20000);
    }

    function setConnection(text, kind) {
        const c = $('connection');
        c.textContent = text;
        c.className = 'connection connection-' + kind;
    }

    // ---- API -------------------------------------------------------------------------------------------------

    function headers() {
        return {'Authorization': 'Bearer ' + token, 'Accept': 'application/json'};
    }

    async function errorText(response) {
        try {
            const body = await response.json();
            return body.error || ('HTTP ' + response.status);
        } catch (e) {
            return 'HTTP ' + response.status;
        }
    }

    // ---- polling ---------------------------------------------------------------------------------------------

    // A poll that gets no answer in time counts as a lost server: a hung request must never leave the page "live".
    const POLL_TIMEOUT_MS = 3000;

    function timedFetch(path, options) {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), POLL_TIMEOUT_MS);
        return fetch(path, Object.assign({signal: controller.signal}, options))
            .finally(() => clearTimeout(timer));
    }

    async function poll() {
        if (polling || !token) {
            return;
        }
        polling = true;
        try {
            const paths = READS.concat([$('show-ticks').checked ? EVENTS : EVENTS_WITHOUT_TICKS]);
            const responses = await Promise.all(paths.map((path) =>
                timedFetch(path, {headers: headers(), cache: 'no-store'})));
            const refused = responses.find((r) => !r.ok);
            if (refused) {
                await onRefused(refused);
                return;
            }
            const [status, processes, positions, orders, latency, risk, events] =
                await Promise.all(responses.map((r) => r.json()));
            const ready = await timedFetch('/ready', {cache: 'no-store'}).then((r) => r.json()).catch(() => null);
            lastContact = new Date();
            reachable = true;
            $('main').classList.remove('stale');
            $('state-asof').textContent = 'as of ' + clock(lastContact);
            $('state-asof').className = 'asof';
            setConnection('live · updated ' + clock(lastContact) + ' · polling every second', 'ok');
            showAlert('');
            renderStatus(status);
            renderHalt();
            renderReady(ready);
            renderProcesses(processes.processes);
            renderFeeds(processes.feeds || []);
            renderPositions(positions.positions, status.pnl);
            renderOrders(orders);
            renderLatency(latency);
            renderRisk(risk);
            renderEvents(events.events);
            renderCharts(status, positions.positions, latency);
        } catch (e) {
            reachable = false;
            $('main').classList.add('stale');
            const since = lastContact ? 'last contact ' + clock(lastContact) : 'never reached';
            $('state-asof').textContent = lastContact ? 'STALE: as of ' + clock(lastContact) : 'unknown';
            $('state-asof').className = 'asof stale-text';
            renderControls();
            setConnection('SERVER UNREACHABLE (' + since + ') · retrying every second', 'lost');
            showAlert('The admin server cannot be reached (' + since + '). The figures below are stale: ' +
                'do not trust them until this message goes away.');
        } finally {
            polling = false;
        }
    }

    async function onRefused(response) {
        const message = await errorText(response);
        if (response.status === 401) {
            signOut('The server refused the token (401): ' + message + '. Enter a valid token.');
        } else if (response.status === 429) {
            const wait = response.headers.get('Retry-After');
            showAlert('Too many failed sign-ins from this address (429): ' + message +
                (wait ? ' The server asks to wait ' + wait + ' s.' : ''));
            setConnection('refused (429) · retrying', 'lost');
        } else {
            showAlert('The server answered HTTP ' + response.status + ': ' + message);
            setConnection('error (HTTP ' + response.status + ') · retrying', 'lost');
        }
    }

    function startPolling() {
        $('login').hidden = true;
        $('main').hidden = false;
        $('sign-out').hidden = false;
        poll();
        if (pollTimer === null) {
            pollTimer = setInterval(poll, POLL_MS);
        }
    }

    function signOut(message) {
        token = null;
        role = null;
        sessionStorage.removeItem(TOKEN_KEY);
        if (pollTimer !== null) {
            clearInterval(pollTimer);
            pollTimer = null;
        }
        $('who').textContent = '';
        $('sign-out').hidden = true;
        $('login-error').textContent = message || '';
        setConnection(message ? 'signed out: token refused' : 'signed out', 'wait');
        $('login').hidden = false;
        $('login-token').value = '';
        $('login-token').focus();
    }

    // ---- rendering -------------------------------------------------------------------------------------------

    function renderStatus(s) {
        tradingState = s.tradingState;
        const state = $('trading-state');
        state.textContent = s.tradingState;
        state.className = 'trading-state state-' + s.tradingState;
        $('engine-name').textContent = s.name || '';
        role = s.you ? s.you.role : null;
        $('who').textContent = s.you ? s.you.name + ' · ' + s.you.role : '';
        $('uptime').textContent = s.running ? duration(s.uptimeSeconds) : 'pipeline not running';
        $('last-event').textContent = utcTime(s.lastEventTime);
        const c = s.counts;
        $('events-in').textContent = count(c.events_in);
        $('orders-fills').textContent = count(c.orders_sent) + ' / ' + count(c.fills + c.partial_fills) +
            ' · ' + count(c.working_orders) + ' working';
        $('rejects').textContent = count(c.risk_rejects) + ' / ' + count(c.venue_rejects) + ' / ' +
            count(c.ingest_rejects);
        const net = $('net-pnl');
        net.textContent = s.pnl.map((p) => money(p.net) + ' ' + p.currency).join(' · ') || dash;
        net.className = s.pnl.length === 1 ? sign(s.pnl[0].net) : '';
        renderControls();
    }

    // ---- charts: hand-drawn SVG over what the polls saw (no library, nothing fetched) -------------------------

    const SVG_NS = 'http://www.w3.org/2000/svg';
    const CHART_COLORS = ['#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f'];
    const CHART_POINTS = 3600;
    const CHART_W = 480;
    const CHART_H = 150;
    const CHART_LEFT = 58;
    const CHART_TOP = 16;
    const CHART_BOTTOM = 16;
    const history = {pnl: [], position: [], latency: []};

    function remember(name, values) {
        const points = history[name];
        points.push({t: Date.now(), values: values});
        if (points.length > CHART_POINTS) {
            points.shift();
        }
    }

    function svg(tag, attributes, text) {
        const element = document.createElementNS(SVG_NS, tag);
        for (const [key, value] of Object.entries(attributes)) {
            element.setAttribute(key, value);
        }
        if (text !== undefined) {
            element.textContent = text;
        }
        return element;
    }

    function drawChart(id, points, label) {
        const chart = $(id);
        while (chart.firstChild) {
            chart.removeChild(chart.firstChild);
        }
        const names = [];
        let low = 0;
        let high = 0;
        for (const p of points) {
            for (const [name, value] of Object.entries(p.values)) {
                if (!names.includes(name)) {
                    names.push(name);
                }
                if (value !== null && Number.isFinite(value)) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        if (points.length < 2 || names.length === 0) {
            chart.appendChild(svg('text', {x: CHART_LEFT, y: CHART_H / 2}, 'waiting for data'));
            return;
        }
        if (high === low) {
            high = low + 1;
        }
        const t0 = points[0].t;
        const span = Math.max(1, points[points.length - 1].t - t0);
        const x = (t) => CHART_LEFT + (t - t0) / span * (CHART_W - CHART_LEFT - 4);
        const y = (v) => CHART_TOP + (high - v) / (high - low) * (CHART_H - CHART_TOP - CHART_BOTTOM);
        chart.appendChild(svg('line', {x1: CHART_LEFT, y1: y(0), x2: CHART_W - 4, y2: y(0), class: 'axis'}));
        chart.appendChild(svg('text', {x: 2, y: CHART_TOP + 4}, label(high)));
        chart.appendChild(svg('text', {x: 2, y: CHART_H - CHART_BOTTOM}, label(low)));
        chart.appendChild(svg('text', {x: CHART_LEFT, y: CHART_H - 3}, utcTime(new Date(t0).toISOString()) +
            ' to ' + utcTime(new Date(points[points.length - 1].t).toISOString())));
        names.forEach((name, i) => {
            const color = CHART_COLORS[i % CHART_COLORS.length];
            const coordinates = points.filter((p) => p.values[name] !== null && p.values[name] !== undefined &&
                Number.isFinite(p.values[name])).map((p) => x(p.t).toFixed(1) + ',' + y(p.values[name]).toFixed(1));
            chart.appendChild(svg('polyline', {points: coordinates.join(' '), fill: 'none', stroke: color,
                'stroke-width': 1.5, 'data-series': name}));
            chart.appendChild(svg('text', {x: CHART_LEFT + 4 + i * 90, y: 11, fill: color}, name));
        });
    }

    function renderCharts(status, positions, latency) {
        const pnl = {};
        for (const total of status.pnl) {
            pnl['net ' + total.currency] = Number(total.net);
        }
        remember('pnl', pnl);
        const position = {};
        for (const p of positions) {
            position[p.symbol] = Number(p.position);
        }
        remember('position', position);
        const t2t = latency.series.find((s) => s.name === 'tick_to_trade');
        remember('latency', {p50: t2t ? t2t.window.p50 : null, p99: t2t ? t2t.window.p99 : null});
        drawChart('chart-pnl', history.pnl, (v) => money(v));
        drawChart('chart-position', history.position, (v) => String(Number(v.toPrecision(6))));
        drawChart('chart-latency', history.latency, (v) => micros(v));
    }

    // When HALTED: who, when and why, from the journal's last change to HALTED and the command that caused it.
    const HALT_EVENTS = '/api/v1/events?type=trading_state_change,admin_command&source=journal&limit=50';

    function field(line, name) {
        const match = line.match(new RegExp(' ' + name + '=("([^"]*)"|\\S+)'));
        return match ? (match[2] !== undefined ? match[2] : match[1]) : null;
    }

    async function renderHalt() {
        const box = $('halt');
        if (tradingState !== 'HALTED') {
            box.hidden = true;
            return;
        }
        try {
            const response = await timedFetch(HALT_EVENTS, {headers: headers(), cache: 'no-store'});
            if (!response.ok) {
                return;
            }
            const events = (await response.json()).events;
            const change = events.find((e) => e.type === 'TRADING_STATE_CHANGE' && / to=HALTED /.test(e.line));
            if (!change) {
                box.hidden = true;
                return;
            }
            const parts = ['Halted ' + utcTime(change.time), 'origin ' + field(change.line, 'origin')];
            const cause = field(change.line, 'cause');
            const command = events.find((e) => e.type === 'ADMIN_COMMAND' && String(e.sequence) === cause);
            if (command) {
                parts.push('by ' + field(command.line, 'principal') + ' from ' + field(command.line, 'remote'));
                parts.push('reason: ' + field(command.line, 'reason'));
            }
            const rule = field(change.line, 'rule');
            if (rule && rule !== '0') {
                parts.push('rule ' + rule + ': observed ' + field(change.line, 'observed') + ', limit ' +
                    field(change.line, 'limit'));
            }
            box.textContent = parts.join(' · ');
            box.hidden = false;
        } catch (e) {
            // The next poll tries again; the state itself is shown regardless.
        }
    }

    function renderControls() {
        const operator = role === 'operator';
        const halted = tradingState === 'HALTED';
        $('kill-engage').hidden = halted;
        $('kill-release').hidden = !halted;
        const reduce = $('reduce-only');
        reduce.hidden = halted;
        reduce.textContent = tradingState === 'REDUCING' ? 'Back to ACTIVE' : 'Reduce only';
        for (const id of ['kill-engage', 'kill-release', 'reduce-only']) {
            $(id).disabled = !operator || !reachable;
        }
        $('controls-note').textContent = !reachable ?
            'Server unreachable. On the engine host: ops/easyquant kill --engage --reason "..."' : operator ? '' :
                'Read-only: signed in with a viewer token. State changes need an operator token.';
    }

    function renderReady(ready) {
        const box = $('ready');
        if (!ready || ready.ready) {
            box.hidden = true;
            return;
        }
        box.textContent = 'Not ready: ' + ready.checks.filter((c) => !c.ok).map((c) => c.problem).join('; ');
        box.hidden = false;
    }

    function renderProcesses(processes) {
        fill('processes', processes.map((p) => {
            const state = cell('', '');
            const dot = document.createElement('span');
            dot.className = 'dot dot-' + p.state;
            state.appendChild(dot);
            state.appendChild(document.createTextNode(p.state));
            return [cell(p.name + (p.kind === 'agent' ? ' (agent)' : '')), cell(p.thread || dash), state,
                cell(age(p.heartbeatAgeMs), 'num'), cell(count(p.processed), 'num'),
                cell(p.lag === null ? dash : count(p.lag), 'num')];
        }), 6, 'no stages');
    }

    function renderFeeds(feeds) {
        $('feeds-panel').hidden = feeds.length === 0;
        const rows = [];
        for (const f of feeds) {
            const c = f.counters;
            const books = f.books.map((b) => b.symbol + ' ' + b.state).join(', ');
            rows.push([cell(f.name), cell(books, f.books.every((b) => b.state === 'LIVE') ? '' : 'neg'),
                cell(count(c.connects), 'num'), cell(count(c.disconnects), 'num'), cell(count(c.resyncs), 'num'),
                cell(count(c.gaps), 'num'), cell(count(c.malformed_frames + c.off_tick_prices), 'num'),
                cell(count(c.quotes), 'num'), cell(count(c.trades), 'num')]);
        }
        fill('feeds', rows, 9, 'no live feeds');
    }

    function renderPositions(positions, pnl) {
        const rows = positions.map((p) => [cell(p.symbol), cell(qty(p.position), 'num ' + sign(p.position)),
            cell(price(p.averagePrice), 'num'), cell(price(p.mark), 'num'), cell(money(p.realized), 'num'),
            cell(money(p.unrealized), 'num'), cell(money(p.fees), 'num'), cell(money(p.net), 'num ' + sign(p.net))]);
        fill('positions', rows, 8, 'no instruments');
        for (const total of pnl) {
            const tr = document.createElement('tr');
            tr.className = 'total';
            for (const c of [cell('total ' + total.currency), cell(''), cell(''), cell(''),
                cell(money(total.realized), 'num'), cell(money(total.unrealized), 'num'), cell(money(total.fees), 'num'),
                cell(money(total.net), 'num ' + sign(total.net))]) {
                tr.appendChild(c);
            }
            $('positions').appendChild(tr);
        }
    }

    function renderOrders(orders) {
        $('open-count').textContent = '(' + orders.open.length + ' of at most ' + orders.workingCapacity + ')';
        fill('orders', orders.open.map((o) => [cell(String(o.clOrdId)), cell(o.symbol), cell(o.side, 'side-' + o.side),
            cell(o.type), cell(qty(o.quantity), 'num'), cell(qty(o.filled), 'num'), cell(price(o.limitPrice), 'num'),
            cell(o.state + (o.cancelRequested ? ' (cancel sent)' : '')), cell(utcTime(o.sentTime))]), 9,
        'no open orders');
    }

    function renderLatency(latency) {
        $('latency-note').textContent = '(last ' + latency.windowSeconds + ' s; stages sampled 1 in ' +
            latency.sampleEvery + ' events; tick-to-trade every order)';
        const names = {ring: 'wait in ring', tick_to_trade: 'tick-to-trade'};
        const series = latency.series.filter((s) => s.name === 'tick_to_trade')
            .concat(latency.series.filter((s) => s.name !== 'tick_to_trade'));
        fill('latency', series.map((s) => {
            const w = s.window;
            const name = names[s.name] || s.name;
            return [cell(name, s.name === 'tick_to_trade' ? 'strong' : ''), cell(micros(w.p50), 'num'),
                cell(micros(w.p90), 'num'), cell(micros(w.p99), 'num'), cell(micros(w.p999), 'num'),
                cell(micros(w.max), 'num'), cell(count(w.count), 'num')];
        }), 7, 'no latency yet');
    }

    function renderRisk(risk) {
        const counts = Object.entries(risk.rejectionsByReason).filter(([, n]) => n > 0)
            .map(([reason, n]) => reason + ' ' + count(n));
        $('reject-counts').textContent = counts.length ? '(since start: ' + counts.join(', ') + ')' : '(none since start)';
        fill('rejections', risk.recentRejections.slice(0, 30).map((r) => [cell(utcTime(r.time)), cell(r.symbol),
            cell(r.side, 'side-' + r.side), cell(qty(r.quantity), 'num'), cell(r.reason), cell(r.observed, 'num'),
            cell(r.limit, 'num')]), 7, 'no rejections');
    }

    function renderEvents(events) {
        fill('events', events.map((e) => [cell(utcTime(e.time)), cell(e.type),
            cell(e.line.replace(/^(#\d+) \S+ \S+ /, '$1 '))]), 3, 'no events');
    }

    // ---- sign-in ---------------------------------------------------------------------------------------------

    async function signIn(event) {
        event.preventDefault();
        const candidate = $('login-token').value.trim();
        if (!candidate) {
            $('login-error').textContent = 'Enter a token.';
            return;
        }
        $('login-submit').disabled = true;
        try {
            const response = await fetch('/api/v1/status',
                {headers: {'Authorization': 'Bearer ' + candidate, 'Accept': 'application/json'}, cache: 'no-store'});
            if (response.ok) {
                token = candidate;
                sessionStorage.setItem(TOKEN_KEY, token);
                $('login-error').textContent = '';
                startPolling();
            } else if (response.status === 401) {
                $('login-error').textContent = 'Token refused (401): ' + await errorText(response);
            } else if (response.status === 429) {
                $('login-error').textContent = 'Too many failed sign-ins (429): wait ' +
                    (response.headers.get('Retry-After') || 'a minute') + ' s and try again.';
            } else {
                $('login-error').textContent = 'The server answered HTTP ' + response.status + ': ' +
                    await errorText(response);
            }
        } catch (e) {
            $('login-error').textContent = 'The admin server cannot be reached. Is the engine running?';
        } finally {
            $('login-submit').disabled = false;
        }
    }

    // ---- state changes ---------------------------------------------------------------------------------------

    const ACTIONS = {
        engage: {
            title: 'Engage the kill-switch?',
            text: 'Trading stops at once: every open order is cancelled and no new order is sent until an operator ' +
                'releases the kill-switch.',
            ok: 'Engage kill-switch',
            okClass: 'danger',
            path: '/api/v1/kill-switch',
            body: (reason) => ({action: 'engage', reason: reason}),
            done: 'Kill-switch engaged'
        },
        release: {
            title: 'Release the kill-switch?',
            text: 'The engine goes back to ACTIVE and new orders may leave again.',
            ok: 'Release kill-switch',
            okClass: 'release',
            path: '/api/v1/kill-switch',
            body: (reason) => ({action: 'release', reason: reason}),
            done: 'Kill-switch released'
        },
        reducing: {
            title: 'Switch to reduce-only?',
            text: 'Only orders that make a position smaller may leave; open orders stay.',
            ok: 'Reduce only',
            okClass: 'caution',
            path: '/api/v1/trading-state',
            body: (reason) => ({state: 'REDUCING', reason: reason}),
            done: 'Trading state set to REDUCING'
        },
        active: {
            title: 'Go back to ACTIVE?',
            text: 'Orders flow normally again, subject to every risk limit.',
            ok: 'Back to ACTIVE',
            okClass: 'release',
            path: '/api/v1/trading-state',
            body: (reason) => ({state: 'ACTIVE', reason: reason}),
            done: 'Trading state set to ACTIVE'
        }
    };

    function openConfirm(name) {
        const action = ACTIONS[name];
        pendingAction = action;
        $('confirm-title').textContent = action.title;
        $('confirm-text').textContent = action.text;
        const ok = $('confirm-ok');
        ok.textContent = action.ok;
        ok.className = 'button ' + action.okClass;
        ok.disabled = false;
        $('confirm-reason').value = '';
        $('confirm-error').textContent = '';
        $('confirm').hidden = false;
        $('confirm-reason').focus();
    }

    function closeConfirm() {
        $('confirm').hidden = true;
        pendingAction = null;
    }

    async function confirm(event) {
        event.preventDefault();
        const action = pendingAction;
        if (!action) {
            return;
        }
        const reason = $('confirm-reason').value.trim();
        if (!/^[\x20-\x7e]{1,80}$/.test(reason)) {
            $('confirm-error').textContent = 'Say why, in 1 to 80 plain ASCII characters.';
            return;
        }
        $('confirm-ok').disabled = true;
        try {
            const response = await fetch(action.path, {
                method: 'POST',
                headers: Object.assign(headers(), {'Content-Type': 'application/json'}),
                body: JSON.stringify(action.body(reason)),
                cache: 'no-store'
            });
            const body = await response.json().catch(() => ({}));
            if (response.status === 200) {
                closeConfirm();
                showNotice(action.done + ' by you at ' + clock(new Date()) + ': the engine is ' + body.tradingState +
                    '.');
            } else if (response.status === 202) {
                closeConfirm();
                showNotice('Sent and journaled, but the engine has not applied it yet (it is ' +
                    body.tradingState + '). Watch the state.');
            } else if (response.status === 401) {
                closeConfirm();
                signOut('The server refused the token (401). Enter a valid token.');
            } else if (response.status === 403) {
                $('confirm-error').textContent = 'Refused (403): ' + (body.error || 'forbidden');
            } else if (response.status === 503) {
                $('confirm-error').textContent = 'Not sent (503): ' + (body.error || 'the engine is busy') +
                    '. Try again.';
            } else {
                $('confirm-error').textContent = 'Refused (HTTP ' + response.status + '): ' + (body.error || '');
            }
        } catch (e) {
            $('confirm-error').textContent = 'The admin server cannot be reached: the command may not have been ' +
                'sent. Check the trading state, or use the command line (easyquant kill).';
        } finally {
            $('confirm-ok').disabled = false;
            poll();
        }
    }

    // ---- wiring ----------------------------------------------------------------------------------------------

    document.addEventListener('DOMContentLoaded', () => {
        $('login-form').addEventListener('submit', signIn);
        $('sign-out').addEventListener('click', () => signOut(''));
        $('confirm-form').addEventListener('submit', confirm);
        $('confirm-cancel').addEventListener('click', closeConfirm);
        $('show-ticks').addEventListener('change', poll);
        $('kill-engage').addEventListener('click', () => openConfirm('engage'));
        $('kill-release').addEventListener('click', () => openConfirm('release'));
        $('reduce-only').addEventListener('click', () =>
            openConfirm(tradingState === 'REDUCING' ? 'active' : 'reducing'));
        document.addEventListener('keydown', (e) => {
            if (e.key === 'Escape' && !$('confirm').hidden) {
                closeConfirm();
            }
        });
        if (token) {
            startPolling();
        } else {
            signOut('');
        }
    });
}());
