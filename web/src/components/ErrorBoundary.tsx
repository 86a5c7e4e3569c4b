import { Component, type ErrorInfo, type ReactNode } from 'react';
import { getLang, translator } from '../lib/i18n';

interface State {
  error: Error | null;
}

/**
 * Catches render errors and failed lazy chunk loads (an old tab after a deploy asks for chunk
 * names that no longer exist); a reload fetches the current build.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Dashboard crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    // A class component cannot use the hook; the language is read once, when the crash is shown.
    const t = translator(getLang());
    return (
      <div className="status status--error" data-testid="crash" role="alert">
        <p className="status__title">{t('crashTitle')}</p>
        <p>{t('crashHint')}</p>
        <p className="status__detail">{this.state.error.message}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('reload')}
        </button>
      </div>
    );
  }
}
