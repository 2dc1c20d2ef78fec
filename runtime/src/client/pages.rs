//! Paginators of the client (feature `client`): [`Pages`] calls a paginated operation page by
//! page, each next input made by [`Paginated::next_page`] from the page before, until the
//! service stops sending a token. An async iterator (`while let Some(page) =
//! pages.next().await`), not a `futures::Stream`, which would cost the generated crate a
//! dependency for one method.

use std::marker::PhantomData;

use super::{Core, Error, Input, ProvideErrorMetadata};
use crate::operation::{Operation, Paginated};

type OutputOf<C, I> = <<I as Input<C>>::Operation as Operation>::Output;
type ErrorOf<C, I> = <<I as Input<C>>::Operation as Operation>::Error;

/// The pages of a paginated call, fetched one at a time by [`Pages::next`].
pub struct Pages<C, I: Input<C>> {
    core: Core,
    next: Option<Result<I, Error<ErrorOf<C, I>>>>,
    client: PhantomData<fn() -> C>,
}

impl<C, I> Pages<C, I>
where
    I: Input<C> + Paginated<Output = OutputOf<C, I>>,
    ErrorOf<C, I>: ProvideErrorMetadata,
{
    /// The pages of the call with `input` as its first input.
    pub fn new(core: Core, input: I) -> Self {
        Self {
            core,
            next: Some(Ok(input)),
            client: PhantomData,
        }
    }

    /// Pages that give `error` and end (an input that could not be built).
    pub fn failed(core: Core, error: Error<ErrorOf<C, I>>) -> Self {
        Self {
            core,
            next: Some(Err(error)),
            client: PhantomData,
        }
    }

    /// The next page: `None` after the last one, or after an error (which ends the pages).
    pub async fn next(&mut self) -> Option<Result<OutputOf<C, I>, Error<ErrorOf<C, I>>>> {
        let input = match self.next.take()? {
            Ok(input) => input,
            Err(e) => return Some(Err(e)),
        };
        match self.core.call_input::<C, I>(&input).await {
            Ok(output) => {
                self.next = input.next_page(&output).map(Ok);
                Some(Ok(output))
            }
            Err(e) => Some(Err(e)),
        }
    }

    /// Every remaining page, in order; the first error ends it.
    pub async fn collect(mut self) -> Result<Vec<OutputOf<C, I>>, Error<ErrorOf<C, I>>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }
}

impl<C, I: Input<C> + std::fmt::Debug> std::fmt::Debug for Pages<C, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("next", &self.next.as_ref().map(|n| n.as_ref().ok()))
            .finish_non_exhaustive()
    }
}
