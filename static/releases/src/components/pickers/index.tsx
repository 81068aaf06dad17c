/**
 * The pickers, each loaded on first use in one shared chunk (Atlaskit's select, avatar and date
 * picker weigh more than the pages that show them); a same-sized box stands in while it loads.
 */
import { type ReactNode, Suspense, lazy } from 'react';
import { color, radius } from '../../design';
import type { ConfluencePlaceProps, DayPickerProps, MultiPickerProps, OneUserPickerProps, UserPickerProps } from './Pickers';

const chunk = () => import('./Pickers');
const LazyUserPicker = lazy(async () => ({ default: (await chunk()).UserPicker }));
const LazyOneUserPicker = lazy(async () => ({ default: (await chunk()).OneUserPicker }));
const LazyGroupPicker = lazy(async () => ({ default: (await chunk()).GroupPicker }));
const LazyConfluencePlacePicker = lazy(async () => ({ default: (await chunk()).ConfluencePlacePicker }));
const LazyDayPicker = lazy(async () => ({ default: (await chunk()).DayPicker }));

function Loading({ height = 32, children }: { height?: number; children: ReactNode }) {
  return <Suspense fallback={<div aria-busy="true" style={{ height, minWidth: 120, border: `1px solid ${color.border}`, borderRadius: radius }} />}>{children}</Suspense>;
}

export const UserPicker = (props: UserPickerProps) => <Loading><LazyUserPicker {...props} /></Loading>;
export const OneUserPicker = (props: OneUserPickerProps) => <Loading><LazyOneUserPicker {...props} /></Loading>;
export const GroupPicker = (props: MultiPickerProps) => <Loading><LazyGroupPicker {...props} /></Loading>;
export const ConfluencePlacePicker = (props: ConfluencePlaceProps) => <Loading height={56}><LazyConfluencePlacePicker {...props} /></Loading>;
export const DayPicker = (props: DayPickerProps) => <Loading><LazyDayPicker {...props} /></Loading>;
