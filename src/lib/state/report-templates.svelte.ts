/**
 * The saved report templates, in the browser's local storage under `casemetrics.templates` (a list
 * of template objects, each with a `name`): the key the workspace page's "forget everything" and the
 * settings export already include.
 */
import { normaliseTemplates, upsertTemplate, type ReportTemplate } from '../report/template';
import { load, save } from './storage';

export const TEMPLATES_KEY = 'templates';

class TemplateStore {
	list = $state.raw<ReportTemplate[]>(normaliseTemplates(load<unknown>(TEMPLATES_KEY, [])));

	/** Saves under the template's name (replacing one of the same name). */
	save(template: ReportTemplate): void {
		this.list = upsertTemplate(normaliseTemplates(load<unknown>(TEMPLATES_KEY, [])), template);
		save(TEMPLATES_KEY, this.list);
	}

	remove(name: string): void {
		this.list = normaliseTemplates(load<unknown>(TEMPLATES_KEY, [])).filter((t) => t.name !== name);
		save(TEMPLATES_KEY, this.list);
	}

	/** Re-reads the stored list (after an import on the workspace page, or another tab's change). */
	reload(): void {
		this.list = normaliseTemplates(load<unknown>(TEMPLATES_KEY, []));
	}

	find(name: string): ReportTemplate | undefined {
		return this.list.find((t) => t.name === name);
	}
}

export const templates = new TemplateStore();
