import type { ReactNode } from 'react';
import { LanguageSwitch } from '../ui/LanguageSwitch';

/** The top bar of our non-board pages: a back link, the title, extra actions and the language. */
export function PageHeader(props: {
  title: string;
  subtitle?: string;
  back?: { href: string; label: string };
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div className="page-header__titles">
        {props.back && (
          <a className="page-header__back" href={props.back.href}>
            ← {props.back.label}
          </a>
        )}
        <h1>{props.title}</h1>
        {props.subtitle && <p className="page-header__subtitle">{props.subtitle}</p>}
      </div>
      <div className="page-header__actions">
        {props.children}
        <LanguageSwitch />
      </div>
    </header>
  );
}
