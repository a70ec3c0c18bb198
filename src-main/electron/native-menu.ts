import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayItem } from './tray-menu.js';

/** The tray menu model as Electron's template: each click hands its action back. */
export function toMenuTemplate(items: TrayItem[], onAction: (a: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'submenu') return { label: item.label, enabled: item.enabled, submenu: toMenuTemplate(item.items, onAction) };
    const action = item.action;
    return {
      type: item.type,
      label: item.label,
      enabled: item.enabled,
      ...(item.type === 'checkbox' ? { checked: item.checked === true } : {}),
      ...(item.toolTip ? { toolTip: item.toolTip } : {}),
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}
