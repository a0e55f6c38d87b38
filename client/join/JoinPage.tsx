import { useEffect, useState, type FormEvent } from 'react';
import { MAX_NAME_LENGTH } from '../../shared/limits';
import { fetchBoardInfo } from '../api/fetchBoardInfo';
import { loadDisplayName, saveDisplayName, saveJoinDesa } from '../board/localIdentity';
import { apiErrorText } from '../common/apiErrorText';
import { apiRequest, type ApiFailure } from '../common/apiRequest';
import { PageHeader } from '../common/PageHeader';
import { useI18n } from '../i18n/I18nProvider';
import { normalizeJoinCode } from './joinCode';
import { parseJoinResponse, type JoinResult } from './parseJoinResponse';

type Desa = { kode: string; nama: string };

/**
 * The board page reads the token from `?token=` (and keeps it in sessionStorage) and the name
 * from localStorage, so joining hands both over the same way a QR link would.
 */
function openBoard(joined: JoinResult): void {
  window.location.assign(`/b/${joined.boardId}?token=${encodeURIComponent(joined.token)}`);
}

/** Routes /j and /j/<CODE>: join a board by its short code with a display name (and desa). */
export function JoinPage({ initialCode }: { initialCode: string }) {
  const { messages } = useI18n();
  const [code, setCode] = useState(normalizeJoinCode(initialCode));
  const [name, setName] = useState(() => loadDisplayName(window.localStorage) ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [waitLeft, setWaitLeft] = useState(0);
  const [joined, setJoined] = useState<JoinResult | null>(null);
  const [desaList, setDesaList] = useState<Desa[]>([]);
  const [desaKode, setDesaKode] = useState('');

  // Count the throttle down so people see when they may try again.
  useEffect(() => {
    if (waitLeft <= 0) return;
    const t = setTimeout(() => setWaitLeft((s) => s - 1), 1000);
    return () => clearTimeout(t);
  }, [waitLeft]);

  const join = async (desa: string | null) =>
    apiRequest('/api/join', {
      token: null,
      body: { code: normalizeJoinCode(code), name: name.trim(), desaKode: desa },
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || waitLeft > 0) return;
    if (normalizeJoinCode(code) === '' || name.trim() === '') {
      setError({ status: 400, code: 'bad-request', details: undefined, retryAfterSeconds: null });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await join(null);
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      if (result.error.code === 'rate-limited') setWaitLeft(result.error.retryAfterSeconds ?? 60);
      return;
    }
    const parsed = parseJoinResponse(result.data);
    if (parsed === null) {
      setBusy(false);
      setError({ status: 500, code: 'internal', details: undefined, retryAfterSeconds: null });
      return;
    }
    saveDisplayName(window.localStorage, parsed.name || name);
    const info = await fetchBoardInfo(parsed.boardId, parsed.token);
    setBusy(false);
    const desa = info.kind === 'ok' ? [...info.info.desa] : [];
    if (desa.length === 0) {
      openBoard(parsed);
      return;
    }
    setDesaList(desa);
    setJoined(parsed);
  };

  const enter = async () => {
    if (joined === null) return;
    // The board's card form starts with this desa.
    saveJoinDesa(window.localStorage, joined.boardId, desaKode === '' ? null : desaKode);
    if (desaKode === '') {
      openBoard(joined);
      return;
    }
    // The desa is part of the participant's token: ask for one that carries it.
    setBusy(true);
    const result = await join(desaKode);
    const parsed = result.ok ? parseJoinResponse(result.data) : null;
    openBoard(parsed ?? joined);
  };

  return (
    <main className="page page--narrow" data-testid="join-page">
      <PageHeader title={messages.joinTitle} back={{ href: '/', label: messages.backHome }} />
      {joined === null ? (
        <form className="stack" onSubmit={submit} noValidate>
          <p>{messages.joinIntro}</p>
          <label className="field">
            <span>{messages.joinCode}</span>
            <input
              className="input input--code"
              value={code}
              onChange={(e) => {
                setCode(e.target.value.toUpperCase());
                setError(null);
              }}
              autoCapitalize="characters"
              autoCorrect="off"
              autoComplete="off"
              spellCheck={false}
              maxLength={20}
              data-testid="join-code"
            />
          </label>
          <label className="field">
            <span>{messages.nameField}</span>
            <input
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={messages.namePlaceholder}
              maxLength={MAX_NAME_LENGTH}
              autoComplete="name"
              data-testid="join-name"
            />
          </label>
          {error && (
            <p
              className="alert alert--error"
              role="alert"
              data-testid="join-error"
              data-code={error.code}
            >
              {error.code === 'not-found'
                ? messages.joinWrongCode
                : error.code === 'rate-limited'
                  ? messages.errRateLimited(Math.max(waitLeft, 1))
                  : error.code === 'bad-request'
                    ? messages.joinFillBoth
                    : apiErrorText(messages, error)}
            </p>
          )}
          <button
            type="submit"
            className="btn btn--big btn--primary"
            disabled={busy || waitLeft > 0}
            data-testid="join-submit"
          >
            {busy ? messages.joinBusy : messages.joinSubmit}
          </button>
        </form>
      ) : (
        <div className="stack" data-testid="join-desa-step">
          <p>{messages.joinWelcome(joined.name)}</p>
          <label className="field">
            <span>{messages.joinDesa}</span>
            <select
              className="input"
              value={desaKode}
              onChange={(e) => setDesaKode(e.target.value)}
              data-testid="join-desa"
            >
              <option value="">{messages.cardDesaNone}</option>
              {desaList.map((d) => (
                <option key={d.kode} value={d.kode}>
                  {d.nama}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn--big btn--primary"
            disabled={busy}
            onClick={() => void enter()}
            data-testid="join-enter"
          >
            {messages.joinEnter}
          </button>
        </div>
      )}
    </main>
  );
}
