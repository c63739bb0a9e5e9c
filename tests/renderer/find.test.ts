// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { findRanges, useFind } from '../../src-renderer/composables/find';

function root(html: string): HTMLElement {
  const element = document.createElement('div');
  element.innerHTML = html;
  document.body.append(element);
  return element;
}

describe('find', () => {
  afterEach(() => {
    useFind().close();
    document.body.innerHTML = '';
  });

  describe('findRanges()', () => {
    it('finds every case-insensitive occurrence, in document order', () => {
      const ranges = findRanges(root('<p>Report one</p><p>the REPORT two, report</p>'), 'report');
      expect(ranges.map((range) => range.toString())).toEqual(['Report', 'REPORT', 'report']);
    });

    it('finds a match that spans elements ("Q3 <b>report</b>")', () => {
      const ranges = findRanges(root('<p>Q3 <b>rep</b>ort due</p>'), 'q3 report');
      expect(ranges).toHaveLength(1);
      expect(ranges[0]!.toString()).toBe('Q3 report');
    });

    it('does not search style or script text', () => {
      expect(findRanges(root('<style>.report{}</style><p>x</p>'), 'report')).toHaveLength(0);
    });

    it('finds nothing for an empty query', () => {
      expect(findRanges(root('<p>x</p>'), '')).toEqual([]);
    });
  });

  describe('useFind()', () => {
    it('searches the marked roots, counts matches and steps through them both ways', () => {
      root('<header data-find-root>Quarterly report</header>');
      root('<p>Not searched: report</p>');
      root('<div data-find-root><p>The report is attached. See report.pdf</p></div>');
      const find = useFind();
      find.open();
      find.query.value = 'report';
      find.search();
      expect(find.total.value).toBe(3);
      expect(find.current.value).toBe(0);
      find.next();
      find.next();
      expect(find.current.value).toBe(2);
      find.next();
      expect(find.current.value).toBe(0);
      find.previous();
      expect(find.current.value).toBe(2);
    });

    it('clears the matches when closed', () => {
      root('<p data-find-root>report</p>');
      const find = useFind();
      find.open();
      find.query.value = 'report';
      find.search();
      find.close();
      expect(find.isOpen.value).toBe(false);
      expect(find.total.value).toBe(0);
      expect(find.current.value).toBe(-1);
    });
  });
});
